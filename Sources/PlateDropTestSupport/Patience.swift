import Foundation

/// A wait budget that a busy machine does not use up. Tests share two cores with each other and, in CI, with
/// whatever else runs; a fixed wall-clock deadline then fails a test whose daemon was merely waiting for a CPU.
/// Each stretch of wall time is charged at the share of a core the machine could give: on a machine with
/// twice as many runnable tasks as cores, a 30 s budget lasts 60 s. The wall time never exceeds
/// `ceiling` × the budget, so a real hang still ends the test.
public struct Patience: Sendable {
    public static let ceiling = 8.0

    private let budget: Double
    private let started: ContinuousClock.Instant
    private var lastSample: ContinuousClock.Instant
    private var charged = 0.0

    public init(seconds: Double) {
        budget = seconds
        started = .now
        lastSample = started
    }

    public init(_ duration: Duration) {
        self.init(seconds: duration / .seconds(1))
    }

    /// Charges the time since the last call and says whether the budget is spent.
    public mutating func isExhausted() -> Bool {
        let now = ContinuousClock.now
        charged += (now - lastSample) / .seconds(1) / Self.contention()
        lastSample = now
        return charged >= budget || (now - started) / .seconds(1) >= budget * Self.ceiling
    }

    /// Runnable tasks per core, at least 1: the larger of the one-minute load average (slow to rise) and the
    /// tasks runnable right now (`/proc/loadavg`, fourth field, minus this reader).
    static func contention() -> Double {
        let cores = Double(max(ProcessInfo.processInfo.activeProcessorCount, 1))
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return 1 }
        let fields = text.split(separator: " ")
        guard fields.count >= 4 else { return 1 }
        let average = Double(fields[0]) ?? 0
        let runnable = fields[3].split(separator: "/").first.flatMap { Double($0) }.map { $0 - 1 } ?? 0
        return max(1, max(average, runnable) / cores)
    }

    /// Calls `condition` every `interval` until it holds (true) or the budget is spent (false, after one last
    /// look).
    public static func wait(seconds: Double, every interval: Duration = .milliseconds(250),
                            until condition: () async throws -> Bool) async rethrows -> Bool {
        var patience = Patience(seconds: seconds)
        while true {
            if try await condition() { return true }
            if patience.isExhausted() { return try await condition() }
            try? await Task.sleep(for: interval)
        }
    }
}
