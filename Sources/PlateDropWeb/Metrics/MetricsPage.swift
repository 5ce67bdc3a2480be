import Catalog
import Prometheus

/// `GET /metrics` in the Prometheus text exposition format (0.0.4). What the catalogue records is read from
/// it at each scrape, so the numbers are the catalogue's and survive restarts; durations and bytes, which it
/// does not keep, come from the swift-metrics registry the daemon records into (since this process started).
struct MetricsPage {
    let tallies: CatalogTallies
    let daemon: DaemonRecord?
    let readyWells: Int
    /// Free space by output folder; nil when it could not be read.
    let freeSpace: [String: DiskSpace?]
    let registry: PrometheusCollectorRegistry

    /// How rejected files are classed, by the role the catalogue gave them.
    static let rejectionClasses: [(role: FileRole, reason: String)] = [
        (.other, "unrecognized_name"), (.image, "unusable_image"), (.plan, "unusable_plan"),
    ]

    var text: String {
        var lines: [String] = []
        func metric(_ name: String, _ type: String, _ help: String, _ samples: [(labels: String, value: Double)]) {
            lines.append("# HELP \(name) \(help)")
            lines.append("# TYPE \(name) \(type)")
            lines += samples.map { "\(name)\($0.labels) \(Self.number($0.value))" }
        }
        func byState(_ counts: [String: Int], _ states: [String]) -> [(labels: String, value: Double)] {
            states.map { ("{state=\"\($0)\"}", Double(counts[$0, default: 0])) }
        }
        metric("platedrop_files_seen_total", "counter", "Files the catalogue has recorded in the watched folders.",
               [("", Double(tallies.files.values.reduce(0, +)))])
        metric("platedrop_files", "gauge", "Catalogued files by state (ingested, ignored, rejected, ...).",
               byState(tallies.files, FileState.allCases.map(\.rawValue)))
        metric("platedrop_files_rejected", "gauge", "Rejected files by reason class.",
               Self.rejectionClasses.map { ("{reason=\"\($0.reason)\"}", Double(tallies.rejectedByRole[$0.role.rawValue, default: 0])) })
        metric("platedrop_wells_written_total", "counter", "Well writes that succeeded (every generation).",
               [("", Double(tallies.wellsWritten))])
        metric("platedrop_wells_failed_total", "counter", "Well writes that failed.", [("", Double(tallies.wellsFailed))])
        metric("platedrop_wells", "gauge", "Wells by state.", byState(tallies.wells, WellState.allCases.map(\.rawValue)))
        metric("platedrop_plates", "gauge", "Plates by state.", byState(tallies.plates, PlateState.allCases.map(\.rawValue)))
        metric("platedrop_queue_events", "gauge", "Watcher events waiting to be recorded.",
               [("", Double(daemon?.queueLength ?? 0))])
        metric("platedrop_wells_ready", "gauge", "Wells complete and waiting to be written.", [("", Double(readyWells))])
        metric("platedrop_output_free_bytes", "gauge", "Free bytes on the file system of each output folder.",
               freeSpace.sorted { $0.key < $1.key }.compactMap { output, space in
                   space.map { ("{output=\"\(Self.labelValue(output))\"}", Double($0.freeBytes)) }
               })
        if let last = tallies.lastWrittenAt {
            metric("platedrop_last_write_timestamp_seconds", "gauge", "When a well was last written (Unix time).", [("", last)])
        }
        var emitted: [UInt8] = []
        registry.emit(into: &emitted)
        return lines.joined(separator: "\n") + "\n" + String(decoding: emitted, as: UTF8.self)
    }

    /// Whole numbers without a fraction, others as Swift prints doubles (both valid Prometheus floats).
    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// A label value with `\`, `"` and line feeds escaped, as the text format requires.
    static func labelValue(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
