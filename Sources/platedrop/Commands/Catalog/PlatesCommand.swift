import ArgumentParser
import Catalog
import Foundation
import GRDB
import Zarr

/// `platedrop plates`: every plate with its state and well counts.
struct PlatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plates", abstract: "List plates and their progress.")

    @OptionGroup var options: CatalogOptions

    struct Line: Sendable {
        let plate: PlateRecord
        let wells: [String: Int]
    }

    func run() throws {
        let lines = try options.openReader().read { db in
            try PlateRecord.order(Column("id")).fetchAll(db).map { plate in
                let rows = try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM well WHERE plate = ? GROUP BY state",
                                            arguments: [plate.id])
                return Line(plate: plate, wells: Dictionary(uniqueKeysWithValues: rows.map { ($0["state"] as String, $0["n"] as Int) }))
            }
        }
        if options.json {
            print(JSONValue.array(lines.map { line in
                ["name": .string(line.plate.name), "root": .string(line.plate.root), "state": .string(line.plate.state.rawValue),
                 "store": .string(line.plate.storePath),
                 "wells": .object(JSONObject(line.wells.sorted { $0.key < $1.key }.map { ($0.key, JSONValue($0.value)) })),
                 "lastActivityAt": .double(line.plate.lastActivityAt)]
            }).prettySerialized())
            return
        }
        if lines.isEmpty { print("no plates yet") }
        for line in lines {
            let written = line.wells["written", default: 0]
            let total = line.wells.values.reduce(0, +)
            print("\(line.plate.name)  \(line.plate.state.rawValue)  \(written)/\(total) wells written  "
                  + "[\(StatusCommand.summary(line.wells))]  \(line.plate.storePath)")
        }
    }
}
