/// The physical grid of a plate: how many rows and columns of wells it has.
public struct PlateFormat: Hashable, Sendable, CustomStringConvertible {
    /// Number of rows (A, B, …).
    public let rows: Int
    /// Number of columns (1, 2, …).
    public let columns: Int

    /// A plate of `rows` × `columns` wells.
    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
    }

    /// Number of wells on the plate.
    public var wellCount: Int { rows * columns }

    /// "96-well (8×12)".
    public var description: String { "\(wellCount)-well (\(rows)×\(columns))" }

    /// 6-well plate, 2 × 3.
    public static let wells6 = PlateFormat(rows: 2, columns: 3)
    /// 12-well plate, 3 × 4.
    public static let wells12 = PlateFormat(rows: 3, columns: 4)
    /// 24-well plate, 4 × 6.
    public static let wells24 = PlateFormat(rows: 4, columns: 6)
    /// 48-well plate, 6 × 8.
    public static let wells48 = PlateFormat(rows: 6, columns: 8)
    /// 96-well plate, 8 × 12.
    public static let wells96 = PlateFormat(rows: 8, columns: 12)
    /// 384-well plate, 16 × 24.
    public static let wells384 = PlateFormat(rows: 16, columns: 24)
    /// 1536-well plate, 32 × 48.
    public static let wells1536 = PlateFormat(rows: 32, columns: 48)

    /// The standard formats, smallest first.
    public static let standard: [PlateFormat] = [wells6, wells12, wells24, wells48, wells96, wells384, wells1536]

    /// The smallest standard format whose grid holds every well, or nil if none does.
    public static func smallestStandard(containing wells: [WellPosition]) -> PlateFormat? {
        standard.first { format in wells.allSatisfy(format.contains) }
    }

    /// Whether `well` lies on this plate.
    public func contains(_ well: WellPosition) -> Bool {
        well.row < rows && well.column < columns
    }
}
