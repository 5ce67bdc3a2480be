import ArgumentParser
import Catalog
import Foundation
import Layouts
import Zarr

/// `platedrop plate NAME`: a map of the plate, one cell per well coloured by state, plus counts.
struct PlateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plate", abstract: "Show one plate as a map of its wells by state.")

    @Argument(help: "Plate name (or root/name when two folders have plates of the same name).")
    var name: String

    @OptionGroup var options: CatalogOptions

    func run() throws {
        let plateName = name
        guard let snapshot = try options.openReader().read({ transaction in try PlateMapView.Snapshot.load(transaction, plate: plateName) }) else {
            throw ValidationError("no plate named \(name) in the catalogue")
        }
        if options.json {
            print(json(snapshot, format: snapshot.format).prettySerialized())
        } else {
            print(PlateMapView(snapshot: snapshot).text(colour: PlateMapView.terminalWantsColour))
        }
    }

    private func json(_ snapshot: PlateMapView.Snapshot, format: PlateFormat) -> JSONValue {
        [
            "name": .string(snapshot.plate.name), "state": .string(snapshot.plate.state.rawValue),
            "store": .string(snapshot.plate.storePath), "rows": JSONValue(format.rows), "columns": JSONValue(format.columns),
            "timepoints": TimepointJSON.json(snapshot.timepoints),
            "wells": .array(snapshot.wells.map { well in
                WellJSON.json(well, timepoints: snapshot.wellTimepoints[well.id!] ?? [], planned: snapshot.plate.plannedTimepoints)
            }),
            "files": .object(JSONObject(snapshot.files.sorted { $0.key < $1.key }.map { ($0.key, JSONValue($0.value)) })),
        ]
    }
}

/// JSON form of a well, shared by `plate` and `wells`.
enum WellJSON {
    /// `timepoints` are the well's (in t order), `planned` the plate's plan count; each timepoint is listed
    /// 1-based with its state and generation.
    static func json(_ well: WellRecord, timepoints: [TimepointRecord], planned: Int?) -> JSONValue {
        var progress = TimepointJSON.json(TimepointProgress(of: timepoints, planned: planned))
        progress["each"] = .array(timepoints.map { timepoint in
            ["t": JSONValue(timepoint.t + 1), "state": .string(timepoint.state.rawValue),
             "generation": JSONValue(timepoint.generation)]
        })
        return ["well": .string(well.position.label), "state": .string(well.state.rawValue),
                "generation": JSONValue(well.generation), "attempts": JSONValue(well.attempts),
                "reason": well.reason.map(JSONValue.string) ?? .null, "timepoints": progress]
    }
}
