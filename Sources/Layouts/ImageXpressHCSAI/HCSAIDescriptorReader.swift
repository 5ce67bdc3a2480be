import Foundation

/// Reads an ImageXpress HCS.ai `.jdce` acquisition descriptor, a JSON document (docs/layouts.md
/// §1.2). Under `ImageStack.AutoLeadAcquisitionProtocol`: `Plate.Rows`/`Columns`,
/// `ObjectiveCalibration.PixelWidth` and its `Unit`, `Wavelengths[]` (0-based `Index`, emission and
/// excitation filter names and wavelengths, `ZStep`), `PlateMap.ZDimensionParameters.Step` and
/// `CollectionComplete`. The plate's label is `SpecimenHolder.Barcode`, else `ImageStack.PlateId`.
/// `Creation` is left out: it is the instrument's local time, and its `TimeZoneOffset` does not describe it.
enum HCSAIDescriptorReader {
    /// Plate size, channels, pixel size, z step and whether the acquisition is finished; which planes
    /// exist is the manifest's to say.
    static func plan(at path: String) throws(LayoutError) -> PlatePlan {
        let document = try Document(path: path)
        guard let stack = try document.object(document.root, "ImageStack") else {
            throw .malformedPlan(path: path, expected: "an \"ImageStack\" object", found: "none")
        }
        let settings = try document.object(stack, "AutoLeadAcquisitionProtocol") ?? [:]
        var format: PlateFormat?
        if let plate = try document.object(settings, "Plate"),
           let rows = try document.number(plate, "Rows"), let columns = try document.number(plate, "Columns") {
            guard rows >= 1, columns >= 1, rows == rows.rounded(), columns == columns.rounded() else {
                throw .malformedPlan(path: path, expected: "whole numbers ≥ 1 in Plate.Rows and Plate.Columns",
                                     found: "\(rows) and \(columns)")
            }
            format = PlateFormat(rows: Int(rows), columns: Int(columns))
        }
        var pixelSize: Double?
        if let calibration = try document.object(settings, "ObjectiveCalibration"),
           let width = try document.number(calibration, "PixelWidth") {
            pixelSize = try document.micrometres(width, unit: try document.text(calibration, "Unit"), what: "ObjectiveCalibration")
        }
        var channels: [ChannelInfo] = []
        var zStep: Double?
        for wavelength in try document.objects(settings, "Wavelengths") {
            guard let index = try document.number(wavelength, "Index"), index >= 0, index == index.rounded() else {
                throw .malformedPlan(path: path, expected: "a whole number ≥ 0 as Index of every Wavelengths entry",
                                     found: "an entry without one")
            }
            let emission = try document.object(wavelength, "EmissionFilter")
            let excitation = try document.object(wavelength, "ExcitationFilter")
            var name: String?
            for filter in [emission, excitation].compactMap({ $0 }) where name == nil {
                name = try document.text(filter, "Name").flatMap { $0.isEmpty ? nil : $0 }
            }
            channels.append(ChannelInfo(
                index: Int(index), name: name ?? "w\(Int(index))",
                excitationNanometres: try excitation.flatMap { filter throws(LayoutError) in try document.number(filter, "Wavelength") },
                emissionNanometres: try emission.flatMap { filter throws(LayoutError) in try document.number(filter, "Wavelength") },
                isNamedByToken: name == nil))
            if zStep == nil, let step = try document.number(wavelength, "ZStep"), step > 0 { zStep = step }
        }
        if zStep == nil, let map = try document.object(settings, "PlateMap"),
           let parameters = try document.object(map, "ZDimensionParameters"),
           let step = try document.number(parameters, "Step"), step > 0 {
            zStep = step
        }
        let barcode = try document.object(stack, "SpecimenHolder").flatMap { holder throws(LayoutError) in
            try document.text(holder, "Barcode")
        }
        let plateID = try document.text(stack, "PlateId")
        return PlatePlan(
            source: path, scopeDirectory: PlanFile.directory(of: path),
            plateName: [barcode, plateID].compactMap { $0 }.first { !$0.isEmpty }, format: format,
            channels: channels.sorted { $0.index < $1.index }, pixelSizeMicrons: pixelSize, zStepMicrons: zStep,
            acquisitions: [AcquisitionInfo(id: 0, name: plateID)],
            acquisitionComplete: try settings["CollectionComplete"].map { value throws(LayoutError) in
                guard let complete = value as? Bool else {
                    throw .malformedPlan(path: path, expected: "true or false in CollectionComplete", found: "\(value)")
                }
                return complete
            } ?? false)
    }

    /// The parsed JSON and typed access to its members, each failure naming the member.
    private struct Document {
        typealias Object = [String: Any]
        let path: String
        let root: Object

        init(path: String) throws(LayoutError) {
            self.path = path
            let data = PlanFile.withoutByteOrderMark(try PlanFile.contents(of: path))
            guard let parsed = try? JSONSerialization.jsonObject(with: data) else {
                throw .malformedPlan(path: path, expected: "a JSON document",
                                     found: data.isEmpty ? "an empty file" : "text that is not complete JSON")
            }
            guard let root = parsed as? Object else {
                throw .malformedPlan(path: path, expected: "a JSON object at the top", found: "\(type(of: parsed))")
            }
            self.root = root
        }

        func object(_ parent: Object, _ key: String) throws(LayoutError) -> Object? {
            guard let value = parent[key], !(value is NSNull) else { return nil }
            guard let object = value as? Object else { throw wrongType(key, "an object", value) }
            return object
        }

        func objects(_ parent: Object, _ key: String) throws(LayoutError) -> [Object] {
            guard let value = parent[key], !(value is NSNull) else { return [] }
            guard let array = value as? [Object] else { throw wrongType(key, "a list of objects", value) }
            return array
        }

        func number(_ parent: Object, _ key: String) throws(LayoutError) -> Double? {
            guard let value = parent[key], !(value is NSNull) else { return nil }
            guard let number = (value as? NSNumber)?.doubleValue else { throw wrongType(key, "a number", value) }
            return number
        }

        func text(_ parent: Object, _ key: String) throws(LayoutError) -> String? {
            guard let value = parent[key], !(value is NSNull) else { return nil }
            guard let text = value as? String else { throw wrongType(key, "text", value) }
            return text.trimmingCharacters(in: .whitespaces)
        }

        /// `value` in µm from a length unit ("µm", "um", "nm", "mm"); µm when no unit is given.
        func micrometres(_ value: Double, unit: String?, what: String) throws(LayoutError) -> Double {
            switch unit?.lowercased() ?? "µm" {
            case "µm", "um", "μm": return value
            case "nm": return value / 1_000
            case "mm": return value * 1_000
            case let other:
                throw .malformedPlan(path: path, expected: "a length unit (µm, nm, mm) in \(what).Unit", found: "\"\(other)\"")
            }
        }

        private func wrongType(_ key: String, _ expected: String, _ value: Any) -> LayoutError {
            .malformedPlan(path: path, expected: "\(expected) in \"\(key)\"", found: "\(value)")
        }
    }
}
