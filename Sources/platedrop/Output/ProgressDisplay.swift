import Foundation
import Ingest
import Synchronization

/// Shows ingest progress: a redrawn bar on a terminal, one plain line per finished well otherwise.
final class ProgressDisplay: Sendable {
    private let interactive: Bool
    private let lastDraw = Mutex(ContinuousClock.now - .seconds(1))

    init() {
        interactive = isatty(STDERR_FILENO) == 1
    }

    /// Receives progress from the ingest workers.
    func update(_ progress: IngestProgress) {
        if interactive {
            let now = ContinuousClock.now
            let due = lastDraw.withLock { last in
                guard now - last >= .milliseconds(100) || progress.planesDone == progress.planesTotal else { return false }
                last = now
                return true
            }
            if due { Terminal.writeError("\r\u{1B}[2K" + bar(progress)) }
        } else if let well = progress.finishedWell {
            Terminal.writeError("\(progress.plate): wrote well \(well) (\(progress.wellsDone)/\(progress.wellsTotal) wells, "
                                + "\(Self.rate(progress)))\n")
        }
    }

    /// Ends the bar's line on a terminal.
    func finish() {
        if interactive { Terminal.writeError("\n") }
    }

    private func bar(_ progress: IngestProgress) -> String {
        let width = 30
        let fraction = progress.planesTotal == 0 ? 1 : Double(progress.planesDone) / Double(progress.planesTotal)
        let filled = Int(fraction * Double(width))
        return "\(progress.plate) [" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            + "] files \(progress.planesDone)/\(progress.planesTotal)  wells \(progress.wellsDone)/\(progress.wellsTotal)  "
            + Self.rate(progress)
    }

    static func rate(_ progress: IngestProgress) -> String {
        let megabytes = Double(progress.bytesRead) / 1e6
        return String(format: "%.1f MB/s", progress.seconds > 0 ? megabytes / progress.seconds : 0)
    }
}
