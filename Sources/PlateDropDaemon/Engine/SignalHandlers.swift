import Dispatch
import Foundation
import Logging

/// SIGTERM and SIGINT stop the daemon cleanly; SIGHUP is logged and ignored (its default would kill the
/// daemon on `systemctl reload`). Dispatch sources installed before any other handler (docs/operations.md §5).
final class SignalHandlers {
    private let sources: [any DispatchSourceSignal]

    init(stop: @escaping @Sendable () -> Void, logger: Logger) {
        var sources: [any DispatchSourceSignal] = []
        for (signalNumber, name) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT"), (SIGHUP, "SIGHUP")] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                if signalNumber == SIGHUP {
                    logger.notice("SIGHUP ignored: restart platedrop to apply config changes")
                } else {
                    logger.notice("\(name): finishing the current step, then stopping")
                    stop()
                }
            }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }
}
