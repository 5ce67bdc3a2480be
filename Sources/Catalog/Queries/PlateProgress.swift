/// A plate and how many of its wells are in each state (by state name).
public struct PlateProgress: Sendable {
    public let plate: PlateRecord
    public let wells: [String: Int]
    public let timepoints: TimepointProgress
}
