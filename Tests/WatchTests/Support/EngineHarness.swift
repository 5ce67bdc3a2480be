import Dispatch
import Foundation
@testable import Watch

/// A FolderWatcher's engine thread without its inotify thread: the test plays (or holds back) the inotify
/// side through the same mailboxes.
final class EngineHarness: Sendable {
    let root: WatchRoot
    let engineMailbox = Mailbox<EngineMessage>()
    let inotifyMailbox = Mailbox<InotifyCommand>()
    let stopFlag = StopFlag()
    let recorder: EventRecorder
    private let continuation: AsyncStream<WatchEvent>.Continuation
    private let threadsRunning = DispatchGroup()

    init(root: WatchRoot) {
        self.root = root
        let (stream, continuation) = AsyncStream.makeStream(of: WatchEvent.self, bufferingPolicy: .unbounded)
        self.continuation = continuation
        recorder = EventRecorder(stream)
        let (engineMailbox, inotifyMailbox, stopFlag) = (engineMailbox, inotifyMailbox, stopFlag)
        startThread {
            WatchEngine(roots: [root], mailbox: engineMailbox, inotify: inotifyMailbox, continuation: continuation, stopFlag: stopFlag).run()
        }
    }

    /// Runs `body` on a thread of its own that `stop()` waits for.
    func startThread(_ body: @escaping @Sendable () -> Void) {
        threadsRunning.enter()
        Thread { [threadsRunning] in
            body()
            threadsRunning.leave()
        }.start()
    }

    func stop() {
        stopFlag.raise()
        engineMailbox.wake()
        inotifyMailbox.wake()
        threadsRunning.wait()
        continuation.finish()
    }
}
