import Catalog
import Layouts

/// One plate as the plate map shows it (CLI and web view), read in one catalogue transaction.
public struct PlateSnapshot: Sendable {
    public let plate: PlateRecord
    public let wells: [WellRecord]
    /// The plate's files counted by state.
    public let files: [String: Int]
    /// How far the plate is along t, and each well's timepoints by well id.
    public let timepoints: TimepointProgress
    public let wellTimepoints: [Int64: [TimepointRecord]]

    /// Its wells written, against its plan's.
    public var wellProgress: WellProgress {
        WellProgress(of: plate, wells: Dictionary(grouping: wells, by: \.state.rawValue).mapValues(\.count))
    }

    /// The recorded plate format, else the smallest standard one holding the wells seen.
    public var format: PlateFormat {
        let recorded = plate.formatRows.flatMap { rows in plate.formatColumns.map { PlateFormat(rows: rows, columns: $0) } }
        return recorded ?? PlateFormat.smallestStandard(containing: wells.map(\.position))
            ?? PlateFormat.wells96
    }

    /// The plate `name` (or `root/name`), nil when the catalogue has none.
    public static func load(_ catalog: CatalogTransaction, plate name: String) throws -> PlateSnapshot? {
        guard let plate = try catalog.plate(named: name) else { return nil }
        return PlateSnapshot(plate: plate, wells: try catalog.wells(plate: plate.id!),
                             files: try catalog.fileCounts(plate: plate.id!),
                             timepoints: try catalog.timepointProgress(of: plate),
                             wellTimepoints: try catalog.timepoints(plate: plate.id!))
    }
}
