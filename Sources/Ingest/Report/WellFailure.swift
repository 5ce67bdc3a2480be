import Layouts

/// A well that could not be written, and why.
public struct WellFailure: Sendable, Hashable, Comparable {
    public let well: WellPosition
    public let reason: String

    public init(well: WellPosition, reason: String) {
        self.well = well
        self.reason = reason
    }

    public static func < (lhs: WellFailure, rhs: WellFailure) -> Bool { (lhs.well, lhs.reason) < (rhs.well, rhs.reason) }
}
