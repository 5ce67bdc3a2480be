import Layouts

/// The t axis of a plate (docs/ngff-choices.md §1): which instrument timepoints index it, in order, and
/// whether the plate has one at all. The writer sizes arrays with it and the daemon orders appends by it,
/// so a timepoint keeps its array index from the moment it is first written.
public struct PlateTimepoints: Sendable, Equatable {
    /// Instrument t values in array order: those some file provides and, up to the last of them, those
    /// the plan declares (so a timepoint late on one plate keeps its index instead of shifting the rest).
    public let values: [Int]
    /// A plate has a t axis when its plan declares more than one timepoint, from the first one on, or
    /// else once its files hold more than one.
    public let hasTimeAxis: Bool

    public init(present: Set<Int>, plan: PlatePlan?) {
        let planned = plan?.plannedTimepoints ?? []
        let last = present.max() ?? 0
        values = present.union(planned.filter { $0 <= last }).sorted()
        hasTimeAxis = planned.count > 1 || values.count > 1
    }

    /// The array index of instrument timepoint `t`, if it indexes the axis.
    public func position(of t: Int) -> Int? {
        values.firstIndex(of: t)
    }
}

extension PlatePlan {
    /// The instrument t values the plan lists planes for; empty when it lists none.
    public var plannedTimepoints: Set<Int> {
        Set(expected?.map(\.t) ?? [])
    }
}
