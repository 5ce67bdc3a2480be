import Layouts

extension WellRecord {
    /// The well's place on its plate.
    public var position: WellPosition { WellPosition(row: row, column: column) }

    /// Failed, and still to be retried automatically (see `automaticRetryLimit`).
    public var retriesAutomatically: Bool { state == .failed && attempts < Self.automaticRetryLimit }

    /// Failed, and waiting for `platedrop retry`.
    public var failedForGood: Bool { state == .failed && attempts >= Self.automaticRetryLimit }
}
