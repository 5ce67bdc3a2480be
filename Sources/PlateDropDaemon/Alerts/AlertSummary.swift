import Catalog
import Foundation
import Zarr

/// The JSON each hook reads on its standard input (docs/operations.md §6). Every summary has `event`, `at`
/// (seconds since 1970, UTC) and `time` (the same in ISO 8601); the rest depends on the event.
enum AlertSummary {
    /// `on_complete` (event "finalized") and `on_incomplete` (event "incomplete"): the done marker's fields, the
    /// root, and why the plate was closed.
    static func finalized(_ plate: PlateRecord, marker: JSONValue, event: String, now: Double) -> JSONValue {
        var summary = header(event: event, now: now)
        summary["root"] = .string(plate.root)
        if case let .object(fields) = marker {
            for (key, value) in fields { summary[key] = value }
        }
        summary["reason"] = plate.reason.map(JSONValue.string) ?? .null
        return summary
    }

    /// `on_failure` for wells of one plate whose write failed: each with its reason, its failed attempts so far
    /// and whether the daemon retries it by itself.
    static func wellsFailed(_ plate: PlateRecord, wells: [WellRecord], now: Double) -> JSONValue {
        var summary = header(event: "failure", now: now)
        summary["cause"] = "well-failed"
        summary["root"] = .string(plate.root)
        summary["plate"] = .string(plate.name)
        summary["store"] = .string(plate.storePath)
        summary["wells"] = .array(wells.map { well in
            ["well": .string(well.position.label), "reason": .string(well.reason ?? ""),
             "attempts": JSONValue(well.attempts), "retrying": .bool(well.retriesAutomatically)]
        })
        return summary
    }

    /// `on_failure` when the disk guard pauses writing on a file system.
    static func writesPaused(_ pause: WritePause, now: Double) -> JSONValue {
        var summary = header(event: "failure", now: now)
        summary["cause"] = "disk-low"
        summary["path"] = .string(pause.path)
        summary["freeBytes"] = JSONValue(pause.freeBytes)
        summary["minFreeBytes"] = JSONValue(pause.minFreeBytes)
        summary["roots"] = JSONValue(strings: pause.roots)
        summary["holdsCatalogue"] = .bool(pause.holdsCatalogue)
        return summary
    }

    /// `on_stall`: a plate not complete that has had no new file for `stall_after`; its wells written so far and
    /// those still waiting (receiving, ready or failed).
    static func stalled(_ plate: PlateRecord, wells: [WellRecord], stallAfter: Double, now: Double) -> JSONValue {
        var summary = header(event: "stall", now: now)
        summary["root"] = .string(plate.root)
        summary["plate"] = .string(plate.name)
        summary["store"] = .string(plate.storePath)
        summary["lastFileAt"] = .double(plate.lastActivityAt)
        summary["secondsSinceLastFile"] = .double((now - plate.lastActivityAt).rounded())
        summary["stallAfterSeconds"] = .double(stallAfter)
        summary["wellsWritten"] = JSONValue(strings: wells.filter { $0.state == .written }.map(\.position.label))
        summary["wellsWaiting"] = JSONValue(strings: wells.filter { $0.state != .written }.map(\.position.label))
        return summary
    }

    private static func header(event: String, now: Double) -> JSONValue {
        let time = Date(timeIntervalSince1970: now).formatted(.iso8601)
        return ["event": .string(event), "at": .double(now), "time": .string(time)]
    }
}
