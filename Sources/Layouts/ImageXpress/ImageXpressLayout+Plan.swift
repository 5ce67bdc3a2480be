import Foundation

extension ImageXpressLayout {
    /// Largest plan accepted: a plate of more planes than this is a corrupt count, not an experiment.
    static let maximumExpectedPlanes = 2_000_000

    /// The plan an `.HTD` describes: selected wells × selected sites × collected waves × time points × z-steps
    /// (the completeness rule of docs/layouts.md §1.1; the keys `CellWorxReader.java` reads).
    static func plan(fromHTDAt path: String) throws(LayoutError) -> PlatePlan {
        let htd = try HTDDocument(path: path)
        guard let columns = try htd.integer("XWells"), let rows = try htd.integer("YWells") else {
            throw .malformedPlan(path: path, expected: "\"XWells\" and \"YWells\" (the plate size)", found: "neither or only one")
        }
        let wells = try selectedWells(htd, rows: rows, columns: columns)
        let fieldCount = try selectedSiteCount(htd)
        let channels = try collectedChannels(htd)
        let timePoints = try htd.integer("TimePoints") ?? 1
        let zSteps = try htd.flag("ZSeries") == true ? try htd.integer("ZSteps") ?? 1 : 1

        let planeCount = wells.count * fieldCount * channels.count * timePoints * zSteps
        guard planeCount <= maximumExpectedPlanes else {
            throw .malformedPlan(path: path, expected: "at most \(maximumExpectedPlanes) planes",
                                 found: "\(wells.count) wells × \(fieldCount) sites × \(channels.count) waves × "
                                     + "\(timePoints) time points × \(zSteps) z-steps = \(planeCount)")
        }
        var expected = Set<ImageKey>(minimumCapacity: planeCount)
        for well in wells {
            for field in 0..<fieldCount {
                for channel in channels {
                    for t in 0..<timePoints {
                        for z in 0..<zSteps {
                            expected.insert(ImageKey(plate: "", well: well, field: field, channel: channel.index, z: z, t: t))
                        }
                    }
                }
            }
        }
        return PlatePlan(source: path, scopeDirectory: plateDirectory(ofPlanAt: path),
                         format: PlateFormat(rows: rows, columns: columns), channels: channels, expected: expected)
    }

    /// Wells marked TRUE in `WellsSelection<row>`; every well when the file has no selection at all.
    private static func selectedWells(_ htd: HTDDocument, rows: Int, columns: Int) throws(LayoutError) -> [WellPosition] {
        let selectionRows = htd.numberedKeys("WellsSelection")
        if let outside = selectionRows.first(where: { !(1...rows).contains($0.number) }) {
            throw .malformedPlan(path: htd.path, expected: "WellsSelection1…WellsSelection\(rows) (\"YWells\", \(rows))",
                                 found: "\"\(outside.key)\"")
        }
        guard !selectionRows.isEmpty else {
            return (0..<rows).flatMap { row in (0..<columns).map { WellPosition(row: row, column: $0) } }
        }
        var wells: [WellPosition] = []
        for row in 1...rows {
            let selected = try htd.flags("WellsSelection\(row)", count: columns, countSource: "\"XWells\", \(columns)")
                ?? Array(repeating: false, count: columns)
            for (column, isSelected) in selected.enumerated() where isSelected {
                wells.append(WellPosition(row: row - 1, column: column))
            }
        }
        return wells
    }

    /// Number of fields per well: the TRUE entries of `SiteSelection<row>` over the XSites × YSites grid,
    /// which MetaXpress numbers s1, s2, … in that order; 1 when `Sites` is FALSE.
    private static func selectedSiteCount(_ htd: HTDDocument) throws(LayoutError) -> Int {
        guard try htd.flag("Sites") == true else { return 1 }
        let columns = try htd.integer("XSites") ?? 1
        let rows = try htd.integer("YSites") ?? 1
        let selectionRows = htd.numberedKeys("SiteSelection")
        if let outside = selectionRows.first(where: { !(1...rows).contains($0.number) }) {
            throw .malformedPlan(path: htd.path, expected: "SiteSelection1…SiteSelection\(rows) (\"YSites\", \(rows))",
                                 found: "\"\(outside.key)\"")
        }
        guard !selectionRows.isEmpty else { return rows * columns }
        var count = 0
        for row in 1...rows {
            let selected = try htd.flags("SiteSelection\(row)", count: columns, countSource: "\"XSites\", \(columns)") ?? []
            count += selected.filter { $0 }.count
        }
        guard count > 0 else {
            throw .malformedPlan(path: htd.path, expected: "at least one TRUE in SiteSelection1…\(rows)", found: "none")
        }
        return count
    }

    /// Waves with `WaveCollect<w>` not 0, as channels w−1 named by `WaveName<w>`; one channel when `Waves` is FALSE.
    private static func collectedChannels(_ htd: HTDDocument) throws(LayoutError) -> [ChannelInfo] {
        guard try htd.flag("Waves") == true else {
            return [ChannelInfo(index: 0, name: htd.text("WaveName1") ?? "w1")]
        }
        guard let waveCount = try htd.integer("NWavelengths") else {
            throw .malformedPlan(path: htd.path, expected: "\"NWavelengths\" when \"Waves\" is TRUE", found: "no count")
        }
        for prefix in ["WaveName", "WaveCollect"] {
            if let outside = htd.numberedKeys(prefix).first(where: { !(1...waveCount).contains($0.number) }) {
                throw .malformedPlan(path: htd.path,
                                     expected: "\(prefix)1…\(prefix)\(waveCount) (\"NWavelengths\", \(waveCount))",
                                     found: "\"\(outside.key)\"")
            }
        }
        var channels: [ChannelInfo] = []
        for wave in 1...waveCount where try htd.integer("WaveCollect\(wave)", minimum: 0) ?? 1 != 0 {
            channels.append(ChannelInfo(index: wave - 1, name: htd.text("WaveName\(wave)") ?? "w\(wave)"))
        }
        guard !channels.isEmpty else {
            throw .malformedPlan(path: htd.path, expected: "at least one WaveCollect<w> of 1", found: "no wave collected")
        }
        return channels
    }

    /// The plate folder: the HTD's folder, above any `TimePoint_N/` and `ZStep_N/` it was copied into.
    static func plateDirectory(ofPlanAt path: String) -> String {
        var directory = PlanFile.directory(of: path)
        while isTimeOrZFolder((directory as NSString).lastPathComponent) {
            directory = PlanFile.directory(of: directory)
        }
        return directory
    }
}
