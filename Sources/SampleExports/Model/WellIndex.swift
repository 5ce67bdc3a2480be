/// A well position on the plate, 0-based: row 0 is "A", column 0 is "01".
public struct WellIndex: Sendable, Hashable {
    /// 0-based plate row.
    public let row: Int
    /// 0-based plate column.
    public let column: Int

    /// Creates a well position from 0-based row and column.
    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Row letters as plates print them: A…Z, then AA, AB, … for 1536-well plates.
    public var rowLetters: String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return row < alphabet.count ? String(alphabet[row]) : String(alphabet[row / alphabet.count - 1]) + String(alphabet[row % alphabet.count])
    }

    /// The usual well name with a 2-digit column, e.g. "B03".
    public var name: String {
        rowLetters + SampleExportText.padded(column + 1, width: 2)
    }
}
