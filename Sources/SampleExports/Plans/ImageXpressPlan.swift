/// The MetaXpress `.HTD` plate plan: quoted keys, comma-separated values, one setting per line
/// (format of the exported sample in docs/layouts.md §1.1).
enum ImageXpressPlan {
    static func fileName(for spec: ExportSpec) -> String {
        "\(spec.plateName).HTD"
    }

    /// The plan of `run`: every run of a plate has the same plan but its own unique identifier.
    static func text(for spec: ExportSpec, run: Int = 0) -> String {
        let selected = Set(spec.wells)
        let grid = spec.fieldGrid
        var lines = [
            "\"HTSInfoFile\", Version 1.0",
            "\"Description\", \"\(spec.plateName): synthetic export\"",
            "\"TimePoints\", \(spec.timepoints)",
            "\"ZSeries\", \(flag(spec.zPlanes > 1))",
            "\"ZSteps\", \(spec.zPlanes)",
            "\"ZProjection\", \(flag(spec.maximumProjection && spec.zPlanes > 1))",
            "\"XWells\", \(spec.columns)",
            "\"YWells\", \(spec.rows)",
        ]
        for row in 0..<spec.rows {
            let columns = (0..<spec.columns).map { flag(selected.contains(WellIndex(row: row, column: $0))) }
            lines.append("\"WellsSelection\(row + 1)\", " + columns.joined(separator: ", "))
        }
        // File names always carry _s<n> and _w<n>, which Bio-Formats expects when Sites and Waves are TRUE.
        lines += ["\"Sites\", TRUE", "\"XSites\", \(grid.columns)", "\"YSites\", \(grid.rows)"]
        for row in 0..<grid.rows {
            let sites = (0..<grid.columns).map { flag(row * grid.columns + $0 < spec.fields) }
            lines.append("\"SiteSelection\(row + 1)\", " + sites.joined(separator: ", "))
        }
        lines += ["\"Waves\", TRUE", "\"NWavelengths\", \(spec.channels)"]
        for channel in 0..<spec.channels {
            let name = spec.channelName(channel).replacingOccurrences(of: "\"", with: "'")
            lines.append("\"WaveName\(channel + 1)\", \"\(name)\"")
        }
        for channel in 0..<spec.channels {
            lines.append("\"WaveCollect\(channel + 1)\", 1")
        }
        lines += ["\"UniquePlateIdentifier\", \"\(uniqueIdentifier(for: spec, run: run))\"", "\"EndFile\""]
        return lines.joined(separator: "\n") + "\n"
    }

    private static func flag(_ value: Bool) -> String {
        value ? "TRUE" : "FALSE"
    }

    /// A UUID-shaped identifier derived from the seed, so equal specs give equal files.
    private static func uniqueIdentifier(for spec: ExportSpec, run: Int) -> String {
        let seed = Int(truncatingIfNeeded: spec.seed)
        var random = SeededGenerator(mixing: run == 0 ? [seed, 4] : [seed, 4, run])
        let hex = (0..<2).map { _ in
            let text = String(random.next(), radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }.joined()
        let groups = [8, 4, 4, 4, 12]
        var start = hex.startIndex
        return groups.map { length in
            let end = hex.index(start, offsetBy: length)
            defer { start = end }
            return String(hex[start..<end])
        }.joined(separator: "-")
    }
}
