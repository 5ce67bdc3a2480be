import ArgumentParser
import Catalog
import CatalogDocuments
import Foundation
import Zarr

/// `platedrop status`: is the daemon alive, what it watches, what it is doing, what went wrong lately.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the daemon's state, watched folders, queue, current work and recent errors.")

    @OptionGroup var options: CatalogOptions

    func run() throws {
        let reader = try options.openReader()
        let report = try reader.read { transaction in try transaction.overview(problemLimit: 10) }
        let alive = DaemonLiveness.isAlive(report.daemon)
        if options.json {
            print(CatalogJSON.status(report, alive: alive).prettySerialized())
        } else {
            print(text(report, alive: alive))
        }
    }

    private func text(_ report: CatalogOverview, alive: Bool) -> String {
        var lines: [String] = []
        if let daemon = report.daemon {
            let since = Date(timeIntervalSince1970: daemon.startedAt)
            lines.append(alive ? "daemon: running (pid \(daemon.pid), since \(since)), \(daemon.currentWork ?? "idle")"
                : "daemon: not running (last seen \(Date(timeIntervalSince1970: daemon.heartbeatAt)))")
            if alive { lines.append("queue: \(daemon.queueLength) event(s) waiting, \(report.readyWells) well(s) ready to write") }
            if alive {
                lines += daemon.writePauses.map { pause in
                    "writing paused since \(Date(timeIntervalSince1970: pause.since)): \(pause.path) has \(CountsText.bytes(pause.freeBytes)) free, "
                        + "below min_free \(CountsText.bytes(pause.minFreeBytes)); waiting: "
                        + (pause.holdsCatalogue ? "every root (the catalogue is there)" : pause.roots.joined(separator: ", "))
                }
            }
        } else {
            lines.append("daemon: has never run with this catalogue")
        }
        lines.append("watched folders:")
        lines += report.roots.map { "  \($0.id): \($0.path) [\($0.layout)] → \($0.output): \($0.stateSummary)" }
        lines.append("plates: " + CountsText.summary(report.plates))
        lines.append("wells:  " + CountsText.summary(report.wells))
        if !report.timeLapses.isEmpty {
            lines.append("time-lapse: " + report.timeLapses.map { "\($0.plate) \($0.progress.label ?? "")" }.joined(separator: ", "))
        }
        lines.append("files:  " + CountsText.summary(report.files))
        if !report.problems.isEmpty {
            lines.append("recent problems:")
            lines += report.problems.map { event in
                "  \(Date(timeIntervalSince1970: event.at)) \(event.level.rawValue) \(event.kind)"
                    + (event.path.map { " \($0)" } ?? "") + ": \(event.message)"
            }
        }
        return lines.joined(separator: "\n")
    }
}
