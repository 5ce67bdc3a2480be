@testable import Ingest
import Layouts
import TIFF

extension PlateGeometry {
    /// A one-well, one-field plate of the given frame and instrument indices, for layout tests.
    static func fixture(height: Int, width: Int, sampleType: TIFFSampleType = .uint16, channels: [Int] = [0],
                        zPlanes: [Int] = [0], timepoints: [Int] = [0], plan: PlatePlan? = nil) -> PlateGeometry {
        PlateGeometry(name: "Layout", format: .wells96, height: height, width: width, sampleType: sampleType,
                      fields: [FieldSlot(acquisition: 0, field: 0)], channels: channels, zPlanes: zPlanes,
                      time: PlateTimepoints(present: Set(timepoints), plan: plan), wells: [WellPosition(row: 0, column: 0)], planesByWell: [:], plan: plan)
    }
}
