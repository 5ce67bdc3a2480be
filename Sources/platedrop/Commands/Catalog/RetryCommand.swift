import ArgumentParser
import Catalog
import Foundation
import Layouts
import PlateDropDaemon

/// `platedrop retry PLATE[/WELL]`: failed wells go back to `ready`; the daemon writes them on its next pass.
struct RetryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry", abstract: "Write a plate's failed wells (or one well) again.")

    @Argument(help: "PLATE or PLATE/WELL, e.g. Plate1/B03.")
    var target: String

    @OptionGroup var options: CatalogOptions

    func run() throws {
        let parts = target.split(separator: "/").map(String.init)
        let plateName = parts.count > 1 ? parts.dropLast().joined(separator: "/") : target
        let wellToken = parts.count > 1 ? parts.last : nil
        let position = try wellToken.map { token in
            guard let well = WellPosition(parsing: token) else { throw ValidationError("\(token) is not a well name like B03") }
            return well
        }
        let path = try options.catalogPath
        let outcome = try CatalogReader.write(path: path) { transaction in
            let outcome = try transaction.retry(plate: plateName, well: position)
            if let outcome, outcome.reopened { DoneMarker.remove(of: outcome.plate) }
            return outcome
        }
        guard let outcome else { throw ValidationError("no plate named \(plateName) in the catalogue") }
        print("\(outcome.wells) well(s) queued for writing")
    }
}
