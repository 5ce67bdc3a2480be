import ArgumentParser
import Catalog
import CatalogDocuments
import Foundation
import Zarr

/// `platedrop plates`: every plate with its state and well counts.
struct PlatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plates", abstract: "List plates and their progress.")

    @OptionGroup var options: CatalogOptions

    func run() throws {
        let lines = try options.openReader().read { transaction in try transaction.plateProgress() }
        if options.json {
            print(CatalogJSON.plates(lines).prettySerialized())
            return
        }
        if lines.isEmpty { print("no plates yet") }
        for line in lines {
            print("\(line.plate.name)  \(line.plate.state.rawValue)  wells written \(line.wellProgress.label)  "
                  + (line.timepoints.label.map { "\($0)  " } ?? "")
                  + "[\(CountsText.summary(line.wells))]  \(line.plate.storePath)")
        }
    }
}
