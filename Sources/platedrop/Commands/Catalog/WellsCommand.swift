import ArgumentParser
import Catalog
import CatalogDocuments
import Layouts
import Zarr

/// `platedrop wells`: wells of every plate (or one), optionally only those in one state.
struct WellsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "wells", abstract: "List wells by plate and state.")

    @Option(help: "Only wells in this state: \(WellState.allCases.map(\.rawValue).joined(separator: ", ")).")
    var state: WellState?

    @Option(help: "Only wells of this plate.")
    var plate: String?

    @OptionGroup var options: CatalogOptions

    func run() throws {
        let (wanted, plateName) = (state, plate)
        let rows = try options.openReader().read { transaction -> [(PlateRecord, WellRecord, [TimepointRecord])] in
            let plates = try transaction.allPlates().filter { plateName == nil || $0.name == plateName }
            return try plates.flatMap { plate in
                let timepoints = try transaction.timepoints(plate: plate.id!)
                return try transaction.wells(plate: plate.id!).filter { wanted == nil || $0.state == wanted }.map {
                    (plate, $0, timepoints[$0.id!] ?? [])
                }
            }
        }
        if options.json {
            print(JSONValue.array(rows.map { plate, well, timepoints in
                var object = CatalogJSON.well(well, timepoints: timepoints, planned: plate.plannedTimepoints)
                object["plate"] = .string(plate.name)
                return object
            }).prettySerialized())
            return
        }
        for (plate, well, timepoints) in rows {
            let progress = TimepointProgress(of: timepoints, planned: plate.plannedTimepoints)
            print("\(plate.name) \(well.position.label)  \(well.state.rawValue)  generation \(well.generation)"
                  + (progress.label.map { "  \($0)" } ?? "") + (well.reason.map { "  \($0)" } ?? ""))
        }
    }
}

extension WellState: ExpressibleByArgument {}
extension FileState: ExpressibleByArgument {}
