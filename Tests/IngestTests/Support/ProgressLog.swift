@testable import Ingest
import Synchronization

/// Collects the progress snapshots an ingest reports from its worker threads.
final class ProgressLog: Sendable {
    private let entries = Mutex<[IngestProgress]>([])

    var snapshots: [IngestProgress] { entries.withLock { $0 } }

    func record(_ progress: IngestProgress) {
        entries.withLock { $0.append(progress) }
    }
}
