/// How many of a plate's wells are written: against the wells its plan expects, or without a plan that
/// lists wells, against the wells seen so far (which says so, as the plate may have more to come).
public struct WellProgress: Sendable, Equatable {
    public let written: Int
    /// Wells the plan expects (`PlateRecord.expectedWells`); nil without a plan that lists wells.
    public let expected: Int?
    /// Wells the catalogue knows of the plate, whatever their state.
    public let seen: Int

    public init(written: Int, expected: Int?, seen: Int) {
        self.written = written
        self.expected = expected
        self.seen = seen
    }

    /// The wells of `plate` counted by state (by state name), against its plan's count.
    public init(of plate: PlateRecord, wells: [String: Int]) {
        self.init(written: wells[WellState.written.rawValue, default: 0], expected: plate.expectedWells,
                  seen: wells.values.reduce(0, +))
    }

    /// "12 / 96" against a plan, "3 / 5 seen" without one: what the CLI and the web view print.
    public var label: String {
        expected.map { "\(written) / \($0)" } ?? "\(written) / \(seen) seen"
    }
}
