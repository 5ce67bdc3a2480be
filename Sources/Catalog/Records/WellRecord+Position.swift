import Layouts

extension WellRecord {
    /// The well's place on its plate.
    public var position: WellPosition { WellPosition(row: row, column: column) }

    /// Failed, and still to be retried automatically (see `automaticRetryLimit`).
    public var retriesAutomatically: Bool { state == .failed && attempts < Self.automaticRetryLimit }

    /// Failed, and waiting for `platedrop retry`.
    public var failedForGood: Bool { state == .failed && attempts >= Self.automaticRetryLimit }

    /// Written (or to be written) with what was there, without every plane it should have.
    public var isIncomplete: Bool { reason?.hasPrefix(Self.incompletePrefix) == true }

    /// How the reason of a well written without every plane starts.
    static let incompletePrefix = "written incomplete"
}
