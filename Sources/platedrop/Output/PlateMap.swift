import Foundation
import Layouts

/// A text map of a plate: one cell per well, `#` where a well was written.
struct PlateMap {
    let rows: Int
    let columns: Int
    /// Written wells by name, e.g. "B2".
    let written: Set<String>

    var text: String {
        let header = "   " + (0..<columns).map { String(format: "%3d", $0 + 1) }.joined()
        let lines = (0..<rows).map { row in
            let name = WellPosition(row: row, column: 0).rowName
            let cells = (0..<columns).map { column in
                written.contains("\(name)\(column + 1)") ? "  #" : "  ."
            }
            return name.padding(toLength: 3, withPad: " ", startingAt: 0) + cells.joined()
        }
        return ([header] + lines).joined(separator: "\n")
    }
}
