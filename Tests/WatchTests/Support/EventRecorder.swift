import FileIdentity
import Foundation
import PlateDropTestSupport
import Synchronization
import Watch

/// Drains a watcher's events in the background and lets a test wait, with a generous deadline, until what
/// it expects has arrived.
final class EventRecorder: Sendable {
    struct Arrival: Sendable {
        let event: WatchEvent
        let at: ContinuousClock.Instant
    }

    private let arrivals = Mutex<[Arrival]>([])
    private let streamFinished = Mutex(false)

    convenience init(_ watcher: FolderWatcher) {
        self.init(watcher.events)
    }

    init(_ stream: AsyncStream<WatchEvent>) {
        Task { [self] in
            for await event in stream {
                arrivals.withLock { $0.append(Arrival(event: event, at: .now)) }
            }
            streamFinished.withLock { $0 = true }
        }
    }

    var events: [WatchEvent] {
        arrivals.withLock { $0.map(\.event) }
    }

    var timedEvents: [Arrival] {
        arrivals.withLock { $0 }
    }

    var finished: Bool {
        streamFinished.withLock { $0 }
    }

    /// Waits until `condition` holds for the events so far; false if it still does not after `timeout`.
    func wait(timeout: Duration = .seconds(20), until condition: ([WatchEvent]) -> Bool) async -> Bool {
        var patience = Patience(timeout)
        while !patience.isExhausted() {
            if condition(events) {
                return true
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition(events)
    }

    /// Lets a little time pass so that events which should not come have had every chance to.
    func settle(for duration: Duration) async {
        try? await Task.sleep(for: duration)
    }
}

extension Sequence<WatchEvent> {
    /// Every stable report, by relative path, in order.
    var stableFingerprints: [String: [FileFingerprint]] {
        var found: [String: [FileFingerprint]] = [:]
        for case let .stable(_, relativePath, fingerprint) in self {
            found[relativePath, default: []].append(fingerprint)
        }
        return found
    }

    var vanishedPaths: [String] {
        compactMap { if case let .vanished(_, relativePath) = $0 { relativePath } else { nil } }
    }

    var skippedPaths: [String] {
        compactMap { if case let .skipped(_, relativePath, _) = $0 { relativePath } else { nil } }
    }

    var states: [RootState] {
        compactMap { if case let .rootState(_, state) = $0 { state } else { nil } }
    }

    var scansFinished: Int {
        count { if case .scanFinished = $0 { true } else { false } }
    }

    /// Events that mention `relativePath` at all.
    func mentioning(_ relativePath: String) -> [WatchEvent] {
        filter { $0.relativePath == relativePath }
    }
}

extension WatchEvent {
    /// The file an event is about, if any.
    var relativePath: String? {
        switch self {
        case let .stable(_, path, _), let .vanished(_, path), let .skipped(_, path, _):
            path
        case .rootState, .scanFinished:
            nil
        }
    }
}
