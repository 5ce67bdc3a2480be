/// How far a time-lapse plate (or one of its wells) is along t: the timepoints on disk against those its
/// plan declares.
public struct TimepointProgress: Sendable, Equatable {
    /// Timepoints on disk: of a well, its own; of a plate, those every written well holds (the fewest any has).
    public let written: Int
    /// Timepoints the plate's plan declares, when it declares more than one.
    public let planned: Int?

    public init(written: Int, planned: Int?) {
        self.written = written
        self.planned = planned
    }

    /// A well's progress: its `timepoints` written, against the plate's `planned`.
    public init(of timepoints: [TimepointRecord], planned: Int?) {
        self.init(written: timepoints.filter { $0.state == .written }.count, planned: planned)
    }

    /// "t 7/48" against a plan, "t 7" without one, nil while nothing says the plate is a time-lapse (no plan
    /// declares timepoints and at most one is written).
    public var label: String? {
        if let planned { return "t \(written)/\(planned)" }
        return written > 1 ? "t \(written)" : nil
    }
}
