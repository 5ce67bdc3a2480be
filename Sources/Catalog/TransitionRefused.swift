/// A state transition asked of a record whose stored state does not allow it.
public struct TransitionRefused: Error, CustomStringConvertible, Sendable, Equatable {
    /// What was asked, e.g. "mark written".
    public let transition: String
    /// The record, e.g. "well 12".
    public let record: String
    /// The state it is in (or "absent").
    public let state: String

    public var description: String {
        "cannot \(transition) \(record): it is \(state)"
    }
}
