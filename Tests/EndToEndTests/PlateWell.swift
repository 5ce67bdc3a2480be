/// A well as plates print it ("B3", "AF48") and as an HCS plate names it (row "B", column "3").
struct PlateWell: Sendable, Hashable, ExpressibleByStringLiteral {
    /// 0-based row: A = 0 … Z = 25, AA = 26 … AF = 31.
    let row: Int
    /// 0-based column.
    let column: Int

    /// Parses "B3" or "AF48"; traps on anything else, since every name comes from the tests themselves.
    init(_ name: String) {
        let letters = name.prefix { $0.isLetter }.uppercased().unicodeScalars.map { Int($0.value) - 65 }
        guard (1...2).contains(letters.count), let number = Int(name.dropFirst(letters.count)) else {
            preconditionFailure("not a well name: \(name)")
        }
        row = letters.count == 1 ? letters[0] : (letters[0] + 1) * 26 + letters[1]
        column = number - 1
    }

    init(stringLiteral name: String) {
        self.init(name)
    }

    /// The row name of a 0-based row index: "A"…"Z", then "AA"….
    static func rowName(_ row: Int) -> String {
        let letter = { (index: Int) in String(UnicodeScalar(UInt8(65 + index))) }
        return row < 26 ? letter(row) : letter(row / 26 - 1) + letter(row % 26)
    }

    var rowName: String { Self.rowName(row) }
    /// Column names are unpadded ("3", not "03").
    var columnName: String { String(column + 1) }
    /// The well's path in the plate: "B/3".
    var path: String { rowName + "/" + columnName }
    /// The name the command line takes: "B3".
    var name: String { rowName + columnName }
}
