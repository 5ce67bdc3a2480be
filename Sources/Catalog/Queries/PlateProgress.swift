/// A plate and how many of its wells are in each state (by state name).
public struct PlateProgress: Sendable {
    public let plate: PlateRecord
    public let wells: [String: Int]
    public let timepoints: TimepointProgress

    /// Its wells written, against its plan's.
    public var wellProgress: WellProgress {
        WellProgress(of: plate, wells: wells)
    }
}
