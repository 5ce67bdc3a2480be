extension ExportSpec {
    /// The first value the layouts' file names or plan files cannot express, or nil when all fit.
    var problem: (property: String, expected: String, found: String)? {
        if plateName.isEmpty || plateName.contains(where: { "/\\\"".contains($0) }) {
            return ("plate name", "a non-empty name without / \\ or \"", "\"\(plateName)\"")
        }
        let ranges: [(String, Int, ClosedRange<Int>)] = [
            ("rows", rows, 1...32), ("columns", columns, 1...48),
            // ImageXpress wavelengths are one digit (w1–w9); Harmony fields and planes two digits.
            ("fields", fields, 1...99), ("channels", channels, 1...9), ("Z planes", zPlanes, 1...99),
            ("time points", timepoints, 1...999), ("width", width, 1...65535), ("height", height, 1...65535),
        ]
        for (property, value, range) in ranges where !range.contains(value) {
            return (property, "\(range.lowerBound) to \(range.upperBound)", "\(value)")
        }
        if wells.isEmpty { return ("wells", "at least one well", "none") }
        if let outside = wells.first(where: { !(0..<rows).contains($0.row) || !(0..<columns).contains($0.column) }) {
            return ("well", "a position inside the \(rows)×\(columns) plate", "row \(outside.row), column \(outside.column)")
        }
        if Set(wells).count != wells.count { return ("wells", "each well once", "duplicates") }
        if !(pixelSizeMicrons > 0) { return ("pixel size", "more than 0 µm", "\(pixelSizeMicrons) µm") }
        if !(zStepMicrons > 0) { return ("Z step", "more than 0 µm", "\(zStepMicrons) µm") }
        return variantProblem
    }

    /// scanR, IN Cell and Cytation name files by channel name: names must be distinct and fit in their file
    /// names (Gen5's hold letters, digits, spaces, commas and brackets only).
    private var channelNameProblem: (property: String, expected: String, found: String)? {
        let names = (0..<channels).map(channelName)
        let gen5Characters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,[]")
        if let bad = names.first(where: { $0.isEmpty || $0.contains("/") || $0.contains(" - ") || $0.contains(")")
            || (layout == .cytation && !$0.allSatisfy(gen5Characters.contains)) }) {
            return ("channel name", "a non-empty name without /, \" - \" or \")\" (\(layout.rawValue) puts it in file names)",
                    "\"\(bad)\"")
        }
        if Set(names).count != names.count {
            return ("channel names", "distinct names (\(layout.rawValue) tells channels apart by name)", names.joined(separator: ", "))
        }
        return nil
    }

    /// The first real-world variant the layout or the other settings cannot carry.
    private var variantProblem: (property: String, expected: String, found: String)? {
        if !(1...99).contains(runs) { return ("runs", "1 to 99", "\(runs)") }
        if runs > 1, runFolders == .none {
            return ("runs", "run folders (exported or database) for more than one run", "\(runs) runs without run folders")
        }
        if runFolders != .none, [.harmony, .cellomics, .scanR, .inCell, .cytation].contains(layout) {
            return ("run folders", "the imagexpress, imagexpress-hcsai, yokogawa or cq3000 layout; \(layout.rawValue) exports have no run folders",
                    "the \(layout.rawValue) layout")
        }
        if layout == .cellomics, zPlanes > 1 || timepoints > 1 {
            return ("Z planes and time points", "1 each: Cellomics names carry neither", "\(zPlanes) and \(timepoints)")
        }
        if runFolders == .database, layout != .imageXpress {
            return ("run folders", "the imagexpress layout for the MetaXpress database layout", "the \(layout.rawValue) layout")
        }
        if metaSeriesHeaders, layout != .imageXpress {
            return ("MetaSeries headers", "the imagexpress layout", "the \(layout.rawValue) layout")
        }
        if maximumProjection {
            if layout != .imageXpress { return ("projection", "the imagexpress layout", "the \(layout.rawValue) layout") }
            if zPlanes < 2 { return ("projection", "a z-stack (at least 2 Z planes)", "1 Z plane") }
        }
        if !singlePlaneChannels.isEmpty {
            if layout != .imageXpress { return ("single-plane channels", "the imagexpress layout", "the \(layout.rawValue) layout") }
            if zPlanes < 2 { return ("single-plane channels", "a z-stack (at least 2 Z planes)", "1 Z plane") }
            if let outside = singlePlaneChannels.sorted().first(where: { !(0..<channels).contains($0) }) {
                return ("single-plane channel", "one of channels 1 to \(channels)", "\(outside + 1)")
            }
        }
        if [.scanR, .inCell, .cytation].contains(layout), let clash = channelNameProblem { return clash }
        if instrumentFiles, [.imageXpress, .cellomics, .scanR, .inCell, .cytation, .cq3000].contains(layout) {
            return ("instrument files", "the yokogawa, harmony or imagexpress-hcsai layout; for imagexpress use MetaSeries headers",
                    "the \(layout.rawValue) layout")
        }
        return nil
    }
}
