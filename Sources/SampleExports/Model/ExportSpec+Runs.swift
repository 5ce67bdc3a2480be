extension ExportSpec {
    /// MetaXpress acquisition id of the first run; later runs count up (3420, 3421, …), as in the real
    /// exported sample (`9987_Plate_3420`).
    static let firstAcquisitionID = 3420

    /// Runs start an hour apart, the first at the generator's fixed start (2024-03-01 09:00:00).
    static let secondsBetweenRuns = 3600

    /// Seconds from the generator's fixed start to the start of `run`.
    func runStartSeconds(_ run: Int) -> Int {
        run * Self.secondsBetweenRuns
    }

    /// The MetaXpress acquisition id of `run`.
    func acquisitionID(_ run: Int) -> Int {
        Self.firstAcquisitionID + run
    }

    /// The folder that names `run`, relative to the export root; "" without run folders.
    func runFolder(_ run: Int) -> String {
        switch (runFolders, layout) {
        case (.none, _), (_, .harmony), (_, .cellomics), (_, .scanR), (_, .inCell), (_, .cytation):
            return ""
        case (.exported, .imageXpress):
            return "\(plateName)_Plate_\(acquisitionID(run))"
        case (.database, _):
            return "\(plateName)/\(SampleExportText.date(secondsAfterStart: runStartSeconds(run)))/\(acquisitionID(run))"
        case (.exported, .yokogawa), (.exported, .cq3000), (.exported, .imageXpressHCSAI):
            return "\(plateName)_\(SampleExportText.compactStamp(secondsAfterStart: runStartSeconds(run)))"
        }
    }

    /// The folder holding `run`'s images and plan files, relative to the export root, with a trailing "/"
    /// ("" for the root itself): the CellVoyager puts them in `<title>/` inside the measurement folder,
    /// HCS.ai in the acquisition unit `experiment/`, inside the run folder when there is one; the CQ3000 in the
    /// measurement folder itself.
    func imageFolder(_ run: Int) -> String {
        let folder = runFolder(run)
        if layout == .imageXpressHCSAI { return folder.isEmpty ? "experiment/" : "\(folder)/experiment/" }
        guard !folder.isEmpty else { return "" }
        return layout == .yokogawa ? "\(folder)/\(plateName)/" : folder + "/"
    }

    /// Seed of `run`'s pixels: the spec's seed for the first run (so single-run exports keep their pixels),
    /// a derived one for each later run so that runs differ.
    func pixelSeed(run: Int) -> UInt64 {
        run == 0 ? seed : seed &+ UInt64(run) &* 0x9E37_79B9_7F4A_7C15
    }
}
