import ArgumentParser
import Catalog
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
        let rows = try options.openReader().read { transaction -> [(String, WellRecord, TimepointProgress)] in
            let plates = try transaction.allPlates().filter { plateName == nil || $0.name == plateName }
            return try plates.flatMap { plate in
                let progress = try transaction.wellTimepointProgress(of: plate)
                return try transaction.wells(plate: plate.id!).filter { wanted == nil || $0.state == wanted }.map {
                    (plate.name, $0, progress[$0.id!] ?? TimepointProgress(written: 0, planned: plate.plannedTimepoints))
                }
            }
        }
        if options.json {
            print(JSONValue.array(rows.map { plate, well, progress in
                var object = WellJSON.json(well, timepoints: progress)
                object["plate"] = .string(plate)
                return object
            }).prettySerialized())
            return
        }
        for (plate, well, progress) in rows {
            print("\(plate) \(well.position.label)  \(well.state.rawValue)  generation \(well.generation)"
                  + (progress.label.map { "  \($0)" } ?? "") + (well.reason.map { "  \($0)" } ?? ""))
        }
    }
}

extension WellState: ExpressibleByArgument {}
extension FileState: ExpressibleByArgument {}
