import Layouts

/// What a plate's vendor plan expects of it, and what of that is there: the planes each well must have
/// before it is complete, and the planes the plan promised that no file provides. The batch survey's
/// plan gaps and the daemon's well completeness both come from here.
public struct PlanCoverage: Sendable {
    /// The planes the plan expects, by well, without those the instrument reports it did not acquire.
    public let expectedByWell: [WellPosition: Set<PlaneKey>]
    /// The plan the expectations come from.
    public let plan: PlatePlan
    /// Whether the plan says which channels the plate holds. It does not for a projection plate, whose
    /// expected channels are only those seen so far: a well there is complete once it is also quiet.
    public let knowsChannels: Bool

    /// The expectations of `plan` for the plate `plate`, whose planes so far use `presentChannels`: a
    /// projection plate holds only the channels its run projected, which no plan says, so there the plan
    /// expects only channels some file provides.
    public init(plan: PlatePlan, plate: String, presentChannels: Set<Int>) {
        self.plan = plan
        knowsChannels = !ImageKey.isProjectionPlate(plate)
        let channels = knowsChannels ? nil : presentChannels
        var expected: [WellPosition: Set<PlaneKey>] = [:]
        for key in plan.expected ?? [] where channels?.contains(key.channel) ?? true {
            guard !plan.expectedMissing.contains(where: { $0.covers(key) }) else { continue }
            expected[key.well, default: []].insert(key.plane(z: 0))
        }
        expectedByWell = expected
    }

    /// Whether `present` holds every plane the plan expects of `well` at timepoint `t`; nil when the plan
    /// expects nothing of it there (a well or a timepoint the plan does not list).
    public func isComplete(_ well: WellPosition, timepoint t: Int, present: Set<PlaneKey>) -> Bool? {
        let wanted = (expectedByWell[well] ?? []).filter { $0.t == t }
        guard !wanted.isEmpty else { return nil }
        return wanted.isSubset(of: present)
    }

    /// Whether every well the plan expects something of has every timepoint it expects in `written`
    /// (timepoints on disk, by well).
    public func isSatisfied(written: [WellPosition: Set<Int>]) -> Bool {
        expectedByWell.allSatisfy { well, planes in
            planes.isEmpty || Set(planes.map(\.t)).isSubset(of: written[well] ?? [])
        }
    }

    /// The wells the plan expects at least one plane of.
    public var expectedWells: Set<WellPosition> {
        Set(expectedByWell.filter { !$0.value.isEmpty }.keys)
    }

    /// The instrument's own missing-image records, then the expected planes `present` lacks, in words.
    /// With a `scope` (instrument timepoints by well) only the records and planes of those wells and
    /// timepoints: a daemon writing some wells reports what they lack, not the timepoints still to come.
    public func gaps(present: Set<PlaneKey>, scope: [WellPosition: Set<Int>]? = nil) -> [String] {
        let source = plan.source.split(separator: "/").last.map(String.init) ?? plan.source
        let records = plan.expectedMissing.filter { record in
            guard let scope, let well = record.well else { return true }
            return scope[well].map { timepoints in record.t.map(timepoints.contains) ?? true } ?? false
        }
        var gaps = records.map { record in
            "\(source) reports \(record.well.map { "well \($0.label) " } ?? "")not acquired: \(record.reason)"
        }
        let wells = scope.map { scope in expectedByWell.filter { scope[$0.key] != nil } } ?? expectedByWell
        let absent = wells.flatMap { well, planes in
            // Membership plane by plane: `present` holds the whole plate, a well expects a few planes.
            planes.filter { (scope?[well]?.contains($0.t) ?? true) && !present.contains($0) }
        }
            .sorted { ($0.well, $0.acquisition, $0.field, $0.channel, $0.z, $0.t) < ($1.well, $1.acquisition, $1.field, $1.channel, $1.z, $1.t) }
        let shown = absent.prefix(20).map { plane in
            "\(source) expects well \(plane.well.label) field \(plane.field + 1) channel \(plane.channel + 1) z \(plane.z + 1) "
                + "t \(plane.t + 1), but no usable file provides it"
        }
        gaps += shown
        if absent.count > shown.count { gaps.append("… and \(absent.count - shown.count) more planes expected by \(source)") }
        return gaps
    }
}
