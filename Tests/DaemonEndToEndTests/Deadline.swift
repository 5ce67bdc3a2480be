import PlateDropTestSupport

/// Waiting for the daemon without timing assertions: poll until something holds, and fail only when a
/// generous deadline passes (the machine is small and shared, so no step is expected to be quick).
enum Deadline {
    static let generous: Duration = .seconds(120)

    /// Calls `probe` every `interval` until it returns a value, then returns that value; throws
    /// `DeadlinePassed` naming `what` (with the daemon's log) when `timeout` passes first.
    @discardableResult
    static func poll<Value>(
        for what: String, daemon: DaemonProcess? = nil, timeout: Duration = generous,
        every interval: Duration = .milliseconds(250), _ probe: () async throws -> Value?
    ) async throws -> Value {
        var patience = Patience(timeout)
        while true {
            if let value = try await probe() { return value }
            guard !patience.isExhausted() else { throw DeadlinePassed(what: what, log: daemon?.log ?? "(no daemon)") }
            try await Task.sleep(for: interval)
        }
    }
}
