import Layouts
import NGFF

/// The plate block for a geometry and a set of listed wells: every physical row and column of the
/// format, acquisitions with plan names and times, the plate-wide field count.
struct PlateMetadataBuilder: Sendable {
    let geometry: PlateGeometry

    func plate(listing wells: [WellPosition]) -> PlateMetadata {
        let format = geometry.format
        let rows = (0..<format.rows).map { WellPosition(row: $0, column: 0).rowName }
        let columns = (0..<format.columns).map { WellPosition(row: 0, column: $0).columnName }
        let acquisitionIDs = Set(geometry.fields.map(\.acquisition)).sorted()
        let acquisitions = acquisitionIDs.map { id in
            let info = geometry.plan?.acquisitions.first { $0.id == id }
            return PlateMetadata.Acquisition(
                id: id, name: info?.name ?? (acquisitionIDs.count == 1 ? geometry.name : "Acquisition \(id)"),
                maximumFieldCount: geometry.fields.filter { $0.acquisition == id }.count,
                startTime: info?.start.map { Int64($0) }, endTime: info?.end.map { Int64($0) })
        }
        return PlateMetadata(
            name: geometry.name, rows: rows, columns: columns,
            wells: wells.map { PlateMetadata.Well(rowIndex: $0.row, columnIndex: $0.column) },
            fieldCount: geometry.fields.count, acquisitions: acquisitions)
    }
}
