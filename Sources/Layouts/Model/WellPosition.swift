/// A well on a plate, 0-based row and column, ordered row by row.
public struct WellPosition: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// 0-based row; row 0 is "A".
    public let row: Int
    /// 0-based column; column 0 is "1".
    public let column: Int

    /// A well at 0-based `row` and `column`.
    public init(row: Int, column: Int) {
        precondition(row >= 0 && column >= 0, "well row and column are 0-based and never negative")
        self.row = row
        self.column = column
    }

    /// Spreadsheet-style row letters: "A"…"Z", then "AA"…"AF" on 1536-well plates.
    public var rowName: String {
        var letters: [Character] = []
        var remaining = row + 1
        while remaining > 0 {
            let digit = (remaining - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(ascii: "A") + UInt8(digit))))
            remaining = (remaining - 1) / 26
        }
        return String(letters.reversed())
    }

    /// Unpadded 1-based column number, as NGFF plate metadata names columns.
    public var columnName: String { String(column + 1) }

    /// "B3": how reports, logs and the CLI name a well (unpadded column, as in the plate's paths).
    public var label: String { "\(rowName)\(columnName)" }

    /// Vendor-style name with a 2-digit column, e.g. "C05" or "AF48".
    public var description: String {
        column < 9 ? "\(rowName)0\(column + 1)" : "\(rowName)\(column + 1)"
    }

    /// Row by row: A01 < A02 < B01.
    public static func < (lhs: WellPosition, rhs: WellPosition) -> Bool {
        (lhs.row, lhs.column) < (rhs.row, rhs.column)
    }
}
