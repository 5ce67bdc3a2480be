import Layouts
import NGFF
import Zarr

extension WellWritePlan {
    /// How to write `request`: in place when the well is listed, the plate has a t axis, the timepoints on
    /// disk are the first ones of that axis and the well's arrays on disk are those `layout` gives for them
    /// (so nothing but the t extent changes); otherwise whole, with every timepoint it asks for or
    /// holds. Nil when none of its timepoints is on the plate's axis.
    static func plan(for request: WellRequest, geometry: PlateGeometry, layout: FieldArrayLayout, listed: Bool,
                     plate: FileStore) -> WellWritePlan? {
        let time = geometry.time
        let asked = Set(request.timepoints.compactMap(time.position))
        let held = Set(request.onDisk.compactMap(time.position))
        let wanted = asked.union(held)
        guard let last = wanted.max() else { return nil }
        let heldPrefix = held.count == request.onDisk.count && held == Set(0..<held.count)
        let grown = max(held.count, last + 1)
        if geometry.hasTimeAxis, listed, !held.isEmpty, heldPrefix,
           arraysMatch(request.well, timeExtents: held.count...grown, layout: layout, fields: geometry.fields.count, plate: plate) {
            return WellWritePlan(well: request.well, timepoints: asked, timeExtent: grown, inPlace: true)
        }
        return WellWritePlan(well: request.well, timepoints: wanted, timeExtent: last + 1, inPlace: false)
    }

    /// Whether every level array of the well's fields on disk is what `layout` writes for some t extent in
    /// `timeExtents`: at least the timepoints on disk, at most those the write leaves (an append that was
    /// interrupted after growing some arrays is finished in place too).
    private static func arraysMatch(_ well: WellPosition, timeExtents: ClosedRange<Int>, layout: FieldArrayLayout,
                                    fields: Int, plate: FileStore) -> Bool {
        let expected = layout.levels(timeExtent: timeExtents.lowerBound)
        return (0..<fields).allSatisfy { field in
            expected.enumerated().allSatisfy { level, metadata in
                let path = HCSPlateStore.levelPath(row: well.rowName, column: well.columnName, field: field, level: level)
                guard var found = try? ZarrArrayReader.open(store: plate, path: path).metadata,
                      let extent = found.shape.first, timeExtents.contains(extent) else { return false }
                found.shape[0] = timeExtents.lowerBound
                return found == metadata
            }
        }
    }
}
