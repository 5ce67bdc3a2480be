import Foundation

/// Reads a CellVoyager measurement-settings file (`.mes`, root `<bts:MeasurementSetting>`): the plate's
/// Columns/Rows, the `<bts:LightSourceList>` with each source's WaveLength, and the `<bts:ChannelList>`
/// with each channel's filter, display colour and levels. CV7000/CV8000 write it with a UTF-8 byte-order mark.
public enum MeasurementSettingsReader {
    /// The plate size and channels of the `.mes` file at `path`; throws a `LayoutError` naming the file
    /// when it cannot be read, is not well-formed XML, or has no channel list.
    public static func read(at path: String) throws(LayoutError) -> MeasurementSettings {
        var root: ClosedXMLElement?
        var sawChannelList = false
        var wavelengths: [String: Double] = [:]
        // Each channel with the light source it names, looked up once the whole file is read.
        var channels: [(channel: MeasurementSettings.Channel, lightSource: String?)] = []
        var channelLines: [Int: Int] = [:]
        // <bts:LightSourceName> children close before their <bts:Channel>, so they wait here.
        var lightSourceNames: [String] = []

        let rootName = try XMLElementStream.read(path: path) { element throws(LayoutError) in
            switch (element.name, element.parent) {
            case ("MeasurementSetting", nil):
                root = element
            case ("LightSource", "LightSourceList"):
                if let name = element.attributes["Name"], wavelengths[name] == nil {
                    wavelengths[name] = try element.decimalAttribute("WaveLength", planPath: path)
                }
            case ("LightSourceName", "Channel"):
                lightSourceNames.append(element.text)
            case ("Channel", let parent):
                defer { lightSourceNames = [] }
                guard parent == "ChannelList" else { break }
                let ch = try element.requiredIntegerAttribute("Ch", planPath: path)
                if let earlier = channelLines[ch] {
                    throw .malformedPlan(path: path, expected: "one <bts:Channel> per bts:Ch",
                                         found: "Ch \(ch) at lines \(earlier) and \(element.line)")
                }
                channelLines[ch] = element.line
                channels.append((try channel(element, index: ch - 1, planPath: path), lightSourceNames.first))
            case ("ChannelList", _):
                sawChannelList = true
            default:
                break
            }
        }
        guard let root else {
            throw .malformedPlan(path: path, expected: "a <bts:MeasurementSetting> document", found: "root element <\(rootName)>")
        }
        guard sawChannelList, !channels.isEmpty else {
            throw .malformedPlan(path: path, expected: "a <bts:ChannelList> with at least one <bts:Channel>",
                                 found: sawChannelList ? "an empty channel list" : "no <bts:ChannelList>")
        }
        // Excitation is resolved last: nothing in the format promises the light sources come first.
        let resolved = channels.map { entry in
            var channel = entry.channel
            channel.excitationNanometres = entry.lightSource.flatMap { wavelengths[$0] }.flatMap { $0 > 0 ? $0 : nil }
            return channel
        }
        return MeasurementSettings(
            channels: resolved.sorted { $0.index < $1.index },
            columns: try root.integerAttribute("Columns", planPath: path),
            rows: try root.integerAttribute("Rows", planPath: path))
    }

    /// The channel's own attributes; its excitation needs the light-source list and is filled in later.
    private static func channel(_ element: ClosedXMLElement, index: Int,
                                planPath: String) throws(LayoutError) -> MeasurementSettings.Channel {
        let text = { (attribute: String) -> String? in
            guard let raw = element.attributes[attribute]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            return raw
        }
        return MeasurementSettings.Channel(
            index: index, target: text("Target"), acquisition: text("Acquisition"), fluorophore: text("Fluorophore"),
            emissionNanometres: text("Acquisition").flatMap(bandPassCentre),
            colorRGB: text("Color").flatMap(rgbHex),
            displayMin: try element.decimalAttribute("MinLevel", planPath: planPath),
            displayMax: try element.decimalAttribute("MaxLevel", planPath: planPath))
    }

    /// The centre wavelength of a band-pass filter written "BP<centre>/<width>" (or "<centre>/<width>"),
    /// e.g. 445 for "BP445/45"; nil for long-pass, short-pass or open positions, whose number is no centre.
    static func bandPassCentre(_ filter: String) -> Double? {
        let upper = filter.uppercased()
        let numbers = upper.hasPrefix("BP") ? upper.dropFirst(2) : Substring(upper)
        // A bare number ("405") says nothing about the filter's shape.
        guard upper.hasPrefix("BP") || numbers.contains("/"),
              let first = numbers.split(separator: "/", omittingEmptySubsequences: false).first,
              let centre = Double(first.trimmingCharacters(in: .whitespaces)), centre.isFinite, centre > 0
        else { return nil }
        return centre
    }

    /// "RRGGBB" in upper case from "#AARRGGBB" (the alpha is dropped) or "#RRGGBB"; nil for anything else.
    static func rgbHex(_ color: String) -> String? {
        let digits = color.hasPrefix("#") ? color.dropFirst() : Substring(color)
        guard digits.count == 8 || digits.count == 6, digits.allSatisfy(\.isHexDigit) else { return nil }
        return String(digits.suffix(6)).uppercased()
    }
}
