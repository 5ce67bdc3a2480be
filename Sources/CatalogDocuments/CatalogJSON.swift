import Catalog
import Layouts
import Zarr

/// The JSON documents of `platedrop status|plates|plate|wells --json`, which the web view's `/api/…` serves
/// unchanged: one definition, so the two never disagree.
public enum CatalogJSON {
    /// `status --json`: the daemon, the watched folders, counts by state and the recent problems.
    public static func status(_ report: CatalogOverview, alive: Bool) -> JSONValue {
        [
            "daemon": [
                "running": .bool(alive),
                "pid": report.daemon.map { JSONValue($0.pid) } ?? .null,
                "startedAt": report.daemon.map { .double($0.startedAt) } ?? .null,
                "heartbeatAt": report.daemon.map { .double($0.heartbeatAt) } ?? .null,
                "currentWork": report.daemon?.currentWork.map(JSONValue.string) ?? .null,
                "queue": JSONValue(report.daemon?.queueLength ?? 0),
                // The disk guard: file systems below min_free, whose roots start no new well write.
                "writesPaused": .array((alive ? report.daemon?.writePauses ?? [] : []).map { pause in
                    ["path": .string(pause.path), "freeBytes": JSONValue(pause.freeBytes),
                     "minFreeBytes": JSONValue(pause.minFreeBytes), "roots": JSONValue(strings: pause.roots),
                     "holdsCatalogue": .bool(pause.holdsCatalogue), "since": .double(pause.since)]
                }),
            ],
            "readyWells": JSONValue(report.readyWells),
            "roots": .array(report.roots.map { root in
                ["id": .string(root.id), "path": .string(root.path), "layout": .string(root.layout),
                 "output": .string(root.output), "state": .string(root.state.rawValue),
                 "reason": root.reason.map(JSONValue.string) ?? .null]
            }),
            "plates": counts(report.plates),
            "wells": counts(report.wells),
            "files": counts(report.files),
            "timeLapses": .array(report.timeLapses.map { entry in
                var object = timepoints(entry.progress)
                object["plate"] = .string(entry.plate)
                return object
            }),
            "recentProblems": .array(report.problems.map(event)),
        ]
    }

    /// `plates --json`: every plate with its state, store, wells by state, the wells its plan expects (null
    /// without a plan that lists wells) and last activity.
    public static func plates(_ lines: [PlateProgress]) -> JSONValue {
        .array(lines.map { line in
            ["name": .string(line.plate.name), "root": .string(line.plate.root), "state": .string(line.plate.state.rawValue),
             "store": .string(line.plate.storePath), "wells": counts(line.wells), "expectedWells": expectedWells(line.plate),
             "lastActivityAt": .double(line.plate.lastActivityAt), "timepoints": timepoints(line.timepoints)]
        })
    }

    /// `plate NAME --json`: the plate, its format, the wells its plan expects, every well and its files by state.
    public static func plate(_ snapshot: PlateSnapshot) -> JSONValue {
        let format = snapshot.format
        return [
            "name": .string(snapshot.plate.name), "state": .string(snapshot.plate.state.rawValue),
            "store": .string(snapshot.plate.storePath), "rows": JSONValue(format.rows), "columns": JSONValue(format.columns),
            "expectedWells": expectedWells(snapshot.plate), "timepoints": timepoints(snapshot.timepoints),
            "wells": .array(snapshot.wells.map { well in
                self.well(well, timepoints: snapshot.wellTimepoints[well.id!] ?? [], planned: snapshot.plate.plannedTimepoints)
            }),
            "files": counts(snapshot.files),
        ]
    }

    /// A well, as `plate` and `wells` print it: `timepoints` are the well's (in t order), `planned` the
    /// plate's plan count; each timepoint is listed 1-based with its state and generation.
    public static func well(_ well: WellRecord, timepoints wellTimepoints: [TimepointRecord], planned: Int?) -> JSONValue {
        var progress = timepoints(TimepointProgress(of: wellTimepoints, planned: planned))
        progress["each"] = .array(wellTimepoints.map { timepoint in
            ["t": JSONValue(timepoint.t + 1), "state": .string(timepoint.state.rawValue),
             "generation": JSONValue(timepoint.generation)]
        })
        return ["well": .string(well.position.label), "state": .string(well.state.rawValue),
                "generation": JSONValue(well.generation), "attempts": JSONValue(well.attempts),
                "reason": well.reason.map(JSONValue.string) ?? .null, "timepoints": progress]
    }

    /// How far a plate or well is along t: `written` timepoints, `planned` by the plan (null without one),
    /// and the `progress` text ("t 7/48").
    public static func timepoints(_ progress: TimepointProgress) -> JSONValue {
        ["written": JSONValue(progress.written), "planned": progress.planned.map { JSONValue($0) } ?? .null,
         "progress": progress.label.map(JSONValue.string) ?? .null]
    }

    /// The number of wells the plate's plan expects; null without a plan that lists wells.
    static func expectedWells(_ plate: PlateRecord) -> JSONValue {
        plate.expectedWells.map { JSONValue($0) } ?? .null
    }

    /// An audit event, as the commands that list problems print it.
    public static func event(_ event: EventRecord) -> JSONValue {
        ["at": .double(event.at), "level": .string(event.level.rawValue), "kind": .string(event.kind),
         "path": event.path.map(JSONValue.string) ?? .null, "message": .string(event.message)]
    }

    /// Counts by state name, in name order.
    static func counts(_ counts: [String: Int]) -> JSONValue {
        .object(JSONObject(counts.sorted { $0.key < $1.key }.map { ($0.key, JSONValue($0.value)) }))
    }
}
