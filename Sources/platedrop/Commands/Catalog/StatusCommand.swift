import ArgumentParser
import Catalog
import Foundation
import Zarr

/// `platedrop status`: is the daemon alive, what it watches, what it is doing, what went wrong lately.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the daemon's state, watched folders, queue, current work and recent errors.")

    @OptionGroup var options: CatalogOptions

    /// A heartbeat older than this means the daemon is gone (it beats every 2 s).
    static let heartbeatTimeout = 15.0

    func run() throws {
        let reader = try options.openReader()
        let report = try reader.read { transaction in try transaction.overview(problemLimit: 10) }
        let alive = Self.isAlive(report.daemon)
        if options.json {
            print(json(report, alive: alive).prettySerialized())
        } else {
            print(text(report, alive: alive))
        }
    }

    /// Alive: a recent heartbeat from a process that still exists and did not say it stopped.
    static func isAlive(_ daemon: DaemonRecord?) -> Bool {
        guard let daemon, daemon.stoppedAt == nil else { return false }
        let fresh = Date().timeIntervalSince1970 - daemon.heartbeatAt < heartbeatTimeout
        return fresh && (kill(daemon.pid, 0) == 0 || errno == EPERM)
    }

    private func text(_ report: CatalogOverview, alive: Bool) -> String {
        var lines: [String] = []
        if let daemon = report.daemon {
            let since = Date(timeIntervalSince1970: daemon.startedAt)
            lines.append(alive ? "daemon: running (pid \(daemon.pid), since \(since)), \(daemon.currentWork ?? "idle")"
                : "daemon: not running (last seen \(Date(timeIntervalSince1970: daemon.heartbeatAt)))")
            if alive { lines.append("queue: \(daemon.queueLength) event(s) waiting, \(report.readyWells) well(s) ready to write") }
        } else {
            lines.append("daemon: has never run with this catalogue")
        }
        lines.append("watched folders:")
        lines += report.roots.map { "  \($0.id): \($0.path) [\($0.layout)] → \($0.output): \($0.state)" }
        lines.append("plates: " + Self.summary(report.plates))
        lines.append("wells:  " + Self.summary(report.wells))
        if !report.timeLapses.isEmpty {
            lines.append("time-lapse: " + report.timeLapses.map { "\($0.plate) \($0.progress.label ?? "")" }.joined(separator: ", "))
        }
        lines.append("files:  " + Self.summary(report.files))
        if !report.problems.isEmpty {
            lines.append("recent problems:")
            lines += report.problems.map { event in
                "  \(Date(timeIntervalSince1970: event.at)) \(event.level.rawValue) \(event.kind)"
                    + (event.path.map { " \($0)" } ?? "") + ": \(event.message)"
            }
        }
        return lines.joined(separator: "\n")
    }

    static func summary(_ counts: [String: Int]) -> String {
        counts.isEmpty ? "none" : counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
    }

    private func json(_ report: CatalogOverview, alive: Bool) -> JSONValue {
        let countObject: ([String: Int]) -> JSONValue = { counts in
            .object(JSONObject(counts.sorted { $0.key < $1.key }.map { ($0.key, JSONValue($0.value)) }))
        }
        return [
            "daemon": [
                "running": .bool(alive),
                "pid": report.daemon.map { JSONValue($0.pid) } ?? .null,
                "startedAt": report.daemon.map { .double($0.startedAt) } ?? .null,
                "heartbeatAt": report.daemon.map { .double($0.heartbeatAt) } ?? .null,
                "currentWork": report.daemon?.currentWork.map(JSONValue.string) ?? .null,
                "queue": JSONValue(report.daemon?.queueLength ?? 0),
            ],
            "readyWells": JSONValue(report.readyWells),
            "roots": .array(report.roots.map { root in
                ["id": .string(root.id), "path": .string(root.path), "layout": .string(root.layout),
                 "output": .string(root.output), "state": .string(root.state)]
            }),
            "plates": countObject(report.plates),
            "wells": countObject(report.wells),
            "files": countObject(report.files),
            "timeLapses": .array(report.timeLapses.map { entry in
                var object = TimepointJSON.json(entry.progress)
                object["plate"] = .string(entry.plate)
                return object
            }),
            "recentProblems": .array(report.problems.map(EventJSON.json)),
        ]
    }
}

/// JSON form of audit events, shared by the commands that print them.
enum EventJSON {
    static func json(_ event: EventRecord) -> JSONValue {
        ["at": .double(event.at), "level": .string(event.level.rawValue), "kind": .string(event.kind),
         "path": event.path.map(JSONValue.string) ?? .null, "message": .string(event.message)]
    }
}

/// JSON form of how far a plate or well is along t, shared by `status`, `plates`, `plate` and `wells`:
/// `written` timepoints, `planned` by the plan (null without one), and the `progress` text ("t 7/48").
enum TimepointJSON {
    static func json(_ progress: TimepointProgress) -> JSONValue {
        ["written": JSONValue(progress.written), "planned": progress.planned.map { JSONValue($0) } ?? .null,
         "progress": progress.label.map(JSONValue.string) ?? .null]
    }
}
