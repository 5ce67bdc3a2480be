extension WellPosition {
    /// Parses "C05", "C5", "af48" (row letters + 1-based column) or Harmony-style "r03c05" (1-based numbers).
    public init?(parsing token: String) {
        let scalars = Array(token.unicodeScalars)
        if let numeric = Self.parseRowColumnNumbers(scalars) {
            self = numeric
            return
        }
        let letterCount = scalars.prefix(while: Self.isASCIILetter).count
        guard (1...2).contains(letterCount) else { return nil }
        let digits = scalars[letterCount...]
        guard let column = Self.positiveNumber(digits) else { return nil }
        var row = 0
        for scalar in scalars[..<letterCount] {
            row = row * 26 + Int(Self.upperCased(scalar).value - UInt32(UInt8(ascii: "A"))) + 1
        }
        self.init(row: row - 1, column: column - 1)
    }

    /// "r03c05" → row 2, column 4; Harmony numbers rows and columns from 1.
    private static func parseRowColumnNumbers(_ scalars: [Unicode.Scalar]) -> WellPosition? {
        guard let first = scalars.first, upperCased(first) == "R",
              let separator = scalars.firstIndex(where: { upperCased($0) == "C" }), separator > 1,
              let row = positiveNumber(scalars[1..<separator]),
              let column = positiveNumber(scalars[(separator + 1)...])
        else { return nil }
        return WellPosition(row: row - 1, column: column - 1)
    }

    /// A 1-based number of at most 4 digits (no plate has more), or nil.
    private static func positiveNumber(_ digits: ArraySlice<Unicode.Scalar>) -> Int? {
        guard (1...4).contains(digits.count), digits.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        let value = digits.reduce(0) { $0 * 10 + Int($1.value - UInt32(UInt8(ascii: "0"))) }
        return value >= 1 ? value : nil
    }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar)
    }

    private static func upperCased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        ("a"..."z").contains(scalar) ? Unicode.Scalar(scalar.value - 32)! : scalar
    }
}
