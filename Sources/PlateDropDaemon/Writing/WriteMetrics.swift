import Catalog
import Foundation
import Metrics

/// What `/metrics` shows of writing that the catalogue does not keep: how long wells wait and writes take,
/// and the bytes moved. Recorded through swift-metrics where it happens; without the web view nothing
/// collects them.
struct WriteMetrics {
    /// From the well's last file becoming stable (its last activity before the write) to the well listed.
    private let wellLatency = Timer(label: "platedrop_well_latency_seconds", preferredDisplayUnit: .seconds)
    /// One write of a plate's ready wells, start to recorded.
    private let writeDuration = Timer(label: "platedrop_write_duration_seconds", preferredDisplayUnit: .seconds)
    private let bytesRead = Counter(label: "platedrop_source_bytes_read_total")
    private let bytesWritten = Counter(label: "platedrop_bytes_written_total")

    /// One finished write: `written` wells (as they were when the write started) listed at `listedAt`, with
    /// the bytes the writer read and wrote for them.
    func record(written: [WellRecord], listedAt: Double, started: Date, sourceBytes: Int, writtenBytes: Int) {
        writeDuration.recordSeconds(Date().timeIntervalSince(started))
        bytesRead.increment(by: sourceBytes)
        bytesWritten.increment(by: writtenBytes)
        for well in written {
            wellLatency.recordSeconds(max(0, listedAt - well.lastActivityAt))
        }
    }
}
