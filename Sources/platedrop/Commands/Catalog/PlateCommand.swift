import ArgumentParser
import Catalog
import Foundation
import GRDB
import Layouts
import Zarr

/// `platedrop plate NAME`: a map of the plate, one cell per well coloured by state, plus counts.
struct PlateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plate", abstract: "Show one plate as a map of its wells by state.")

    @Argument(help: "Plate name (or root/name when two folders have plates of the same name).")
    var name: String

    @OptionGroup var options: CatalogOptions

    struct Snapshot: Sendable {
        let plate: PlateRecord
        let wells: [WellRecord]
        let files: [String: Int]
    }

    func run() throws {
        let plateName = name
        let snapshot = try options.openReader().read { db -> Snapshot? in
            guard let plate = try PlateRecord.named(db, plateName) else { return nil }
            let rows = try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM file WHERE plate = ? GROUP BY state",
                                        arguments: [plate.id])
            return Snapshot(plate: plate, wells: try WellRecord.all(db, plate: plate.id!),
                            files: Dictionary(uniqueKeysWithValues: rows.map { ($0["state"] as String, $0["n"] as Int) }))
        }
        guard let snapshot else { throw ValidationError("no plate named \(name) in the catalogue") }
        let recorded = snapshot.plate.formatRows.flatMap { rows in
            snapshot.plate.formatColumns.map { PlateFormat(rows: rows, columns: $0) }
        }
        let format = recorded
            ?? PlateFormat.smallestStandard(containing: snapshot.wells.map { WellPosition(row: $0.row, column: $0.column) })
            ?? PlateFormat.wells96
        if options.json {
            print(json(snapshot, format: format).prettySerialized())
        } else {
            print(text(snapshot, format: format))
        }
    }

    private static let symbols: [WellState: (symbol: String, colour: String)] = [
        .written: ("#", "32"), .writing: ("W", "36"), .ready: ("R", "33"), .receiving: ("o", "34"), .failed: ("X", "31"),
    ]

    private func text(_ snapshot: Snapshot, format: PlateFormat) -> String {
        let colour = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let byPosition = Dictionary(uniqueKeysWithValues: snapshot.wells.map { (WellPosition(row: $0.row, column: $0.column), $0) })
        var lines = ["\(snapshot.plate.name): \(snapshot.plate.state.rawValue) → \(snapshot.plate.storePath)"]
        lines.append("    " + (0..<format.columns).map { String(format: "%3d", $0 + 1) }.joined())
        for row in 0..<format.rows {
            let rowName = WellPosition(row: row, column: 0).rowName
            let cells = (0..<format.columns).map { column -> String in
                guard let well = byPosition[WellPosition(row: row, column: column)],
                      let look = Self.symbols[well.state] else { return "  ·" }
                return colour ? "  \u{1B}[\(look.colour)m\(look.symbol)\u{1B}[0m" : "  \(look.symbol)"
            }
            lines.append(rowName.padding(toLength: 4, withPad: " ", startingAt: 0) + cells.joined())
        }
        let counts = Dictionary(grouping: snapshot.wells, by: \.state.rawValue).mapValues(\.count)
        lines.append("legend: # written  W writing  R ready  o receiving  X failed  · no images")
        lines.append("wells: \(StatusCommand.summary(counts)); files: \(StatusCommand.summary(snapshot.files))")
        for well in snapshot.wells where well.state == .failed {
            lines.append("  \(WellPosition(row: well.row, column: well.column)) failed: \(well.reason ?? "unknown reason")")
        }
        return lines.joined(separator: "\n")
    }

    private func json(_ snapshot: Snapshot, format: PlateFormat) -> JSONValue {
        [
            "name": .string(snapshot.plate.name), "state": .string(snapshot.plate.state.rawValue),
            "store": .string(snapshot.plate.storePath), "rows": JSONValue(format.rows), "columns": JSONValue(format.columns),
            "wells": .array(snapshot.wells.map(WellJSON.json)),
            "files": .object(JSONObject(snapshot.files.sorted { $0.key < $1.key }.map { ($0.key, JSONValue($0.value)) })),
        ]
    }
}

/// JSON form of a well, shared by `plate` and `wells`.
enum WellJSON {
    static func json(_ well: WellRecord) -> JSONValue {
        let position = WellPosition(row: well.row, column: well.column)
        return ["well": .string("\(position.rowName)\(position.columnName)"), "state": .string(well.state.rawValue),
                "generation": JSONValue(well.generation), "attempts": JSONValue(well.attempts),
                "reason": well.reason.map(JSONValue.string) ?? .null]
    }
}
