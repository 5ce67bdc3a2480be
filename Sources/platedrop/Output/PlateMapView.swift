import Catalog
import CatalogDocuments
import Foundation
import Layouts

/// A plate drawn as text: one cell per well of the plate format, coloured by the well's state.
struct PlateMapView {
    let snapshot: PlateSnapshot

    /// ANSI colour only on a terminal, and never when NO_COLOR is set (no-color.org).
    static var terminalWantsColour: Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    private static let symbols: [WellState: (symbol: String, colour: String)] = [
        .written: ("#", "32"), .writing: ("W", "36"), .ready: ("R", "33"), .receiving: ("o", "34"), .failed: ("X", "31"),
    ]

    func text(colour: Bool) -> String {
        let format = snapshot.format
        let byPosition = Dictionary(uniqueKeysWithValues: snapshot.wells.map { ($0.position, $0) })
        var lines = ["\(snapshot.plate.name): \(snapshot.plate.state.rawValue)"
            + (snapshot.timepoints.label.map { ", \($0)" } ?? "") + " → \(snapshot.plate.storePath)"]
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
        lines.append("wells written \(snapshot.wellProgress.label) [\(CountsText.summary(counts))]; "
            + "files: \(CountsText.summary(snapshot.files))")
        for well in snapshot.wells where well.state == .failed {
            lines.append("  \(well.position) failed: \(well.reason ?? "unknown reason")")
        }
        return lines.joined(separator: "\n")
    }

}
