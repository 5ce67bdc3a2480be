import ArgumentParser
import Catalog
import CatalogDocuments
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
        guard let snapshot = try options.openReader().read({ transaction in try PlateSnapshot.load(transaction, plate: plateName) }) else {
            throw ValidationError("no plate named \(name) in the catalogue")
        }
        if options.json {
            print(CatalogJSON.plate(snapshot).prettySerialized())
        } else {
            print(PlateMapView(snapshot: snapshot).text(colour: PlateMapView.terminalWantsColour))
        }
    }
}
