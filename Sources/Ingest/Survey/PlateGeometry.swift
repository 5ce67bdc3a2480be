import Layouts
import TIFF

/// The shape of one plate as written: plate format, wells, the field array's axes and the source of
/// every plane. One shape, dtype and axis list for every field of the plate (docs/ngff-choices.md P9).
struct PlateGeometry: Sendable {
    let name: String
    let format: PlateFormat
    let height: Int
    let width: Int
    let sampleType: TIFFSampleType
    let fields: [FieldSlot]
    /// The instrument's channel, z and time indices in order; array positions index these lists.
    let channels: [Int]
    let zPlanes: [Int]
    let timepoints: [Int]
    /// Wells with at least one usable plane, row-major.
    let wells: [WellPosition]
    let planesByWell: [WellPosition: [PlaneSource]]
    let plan: PlatePlan?
    /// The layout that named the images, which reads what their headers say (stage positions).
    var layout: (any InstrumentLayout)? = nil

    /// A time axis only when the plate has more than one timepoint (docs/ngff-choices.md §1: `c,z,y,x` or `t,c,z,y,x`).
    var hasTimeAxis: Bool { timepoints.count > 1 }

    /// The shape of level 0 of every field array.
    var fieldShape: [Int] {
        (hasTimeAxis ? [timepoints.count] : []) + [channels.count, zPlanes.count, height, width]
    }

    /// Planes each complete well should have.
    var planesPerWell: Int { fields.count * timepoints.count * channels.count * zPlanes.count }
}

extension PlateGeometry {
    /// Everything that fixes the arrays of every field: if it changes, earlier wells no longer match.
    var shapeSignature: String {
        "\(format.rows)x\(format.columns) \(width)x\(height) \(sampleType.rawValue) fields \(fields.map { "\($0.acquisition).\($0.field)" }) "
            + "channels \(channels) z \(zPlanes) t \(timepoints)"
    }
}
