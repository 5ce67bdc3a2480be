import Foundation
import Ingest

/// The text `platedrop ingest` prints when it is done: plates, throughput, and every file not used.
struct IngestSummary {
    let report: IngestReport
    let layoutName: String

    var text: String {
        var lines: [String] = []
        let megabytes = Double(report.bytesRead) / 1e6
        lines.append(String(format: "layout %@: %d plate(s), %.1f MB read in %.2f s (%.1f MB/s)", layoutName,
                            report.plates.count, megabytes, report.seconds,
                            report.seconds > 0 ? megabytes / report.seconds : 0))
        for plate in report.plates {
            lines.append("  \(plate.path): \(plate.wellsWritten.count) well(s) written, \(plate.planesWritten) plane(s)"
                         + (plate.missingPlanes > 0 ? ", \(plate.missingPlanes) plane(s) missing (stored as 0)" : "")
                         + (plate.singlePlanePadding > 0
                            ? ", \(plate.singlePlanePadding) plane(s) of single-plane channels stored as 0 at the other z" : ""))
            for gap in plate.planGaps {
                lines.append("    plan: \(gap)")
            }
            for failure in plate.wellsFailed {
                lines.append("    well \(failure.well.label) FAILED: \(failure.reason)")
            }
        }
        if report.plates.isEmpty { lines.append("  no plate written: no usable image found") }
        if !report.rejected.isEmpty {
            lines.append("rejected \(report.rejected.count) file(s):")
            lines += report.rejected.map { "  \($0.path): \($0.reason)" }
        }
        if !report.ignored.isEmpty {
            lines.append("ignored \(report.ignored.count) file(s):")
            lines += report.ignored.prefix(20).map { "  \($0.path): \($0.reason)" }
            if report.ignored.count > 20 { lines.append("  … and \(report.ignored.count - 20) more") }
        }
        return lines.joined(separator: "\n")
    }
}
