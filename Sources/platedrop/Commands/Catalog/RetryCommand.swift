import ArgumentParser
import Catalog
import Foundation
import GRDB
import Layouts

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
        let count = try CatalogReader.write(path: path) { db -> Int? in
            guard let plate = try PlateRecord.named(db, plateName) else { return nil }
            var changed = 0
            for var well in try WellRecord.all(db, plate: plate.id!) {
                let selected = position.map { $0.row == well.row && $0.column == well.column } ?? (well.state == .failed)
                guard selected, well.state != .writing else { continue }
                well.state = .ready
                well.attempts = 0
                well.reason = nil
                try well.update(db)
                changed += 1
            }
            if changed > 0, plate.state != .receiving {
                var reopened = plate
                reopened.state = .receiving
                try reopened.update(db)
            }
            try EventRecord.log(db, .info, .retry, plate: plate.id, "retry requested for \(changed) well(s) of \(plate.name)")
            return changed
        }
        guard let count else { throw ValidationError("no plate named \(plateName) in the catalogue") }
        print("\(count) well(s) queued for writing")
    }
}
