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
    /// The instrument's channel and z indices in order; array positions index these lists.
    let channels: [Int]
    let zPlanes: [Int]
    /// The instrument's timepoints in array order, and whether the plate has a t axis.
    let time: PlateTimepoints
    /// Wells with at least one usable plane, row-major.
    let wells: [WellPosition]
    let planesByWell: [WellPosition: [PlaneSource]]
    let plan: PlatePlan?
    /// The layout that named the images, which reads what their headers say (stage positions).
    var layout: (any InstrumentLayout)? = nil

    var timepoints: [Int] { time.values }

    /// A time axis when the plate's plan declares timepoints or its files hold more than one
    /// (docs/ngff-choices.md §1: `c,z,y,x` or `t,c,z,y,x`).
    var hasTimeAxis: Bool { time.hasTimeAxis }

    /// The shape of level 0 of a field array holding `timeExtent` timepoints (every timepoint when nil).
    func fieldShape(timeExtent: Int? = nil) -> [Int] {
        (hasTimeAxis ? [timeExtent ?? timepoints.count] : []) + [channels.count, zPlanes.count, height, width]
    }

    /// Planes a complete timepoint of a well has.
    var planesPerTimepoint: Int { fields.count * channels.count * zPlanes.count }
}

extension PlateGeometry {
    /// Everything that fixes the arrays of every field: if it changes, earlier wells no longer match. The
    /// timepoints themselves are not in it: a new one is appended to the wells that have the earlier ones.
    var shapeSignature: String {
        "\(format.rows)x\(format.columns) \(width)x\(height) \(sampleType.rawValue) fields \(fields.map { "\($0.acquisition).\($0.field)" }) "
            + "channels \(channels) z \(zPlanes)" + (hasTimeAxis ? " t axis" : "")
    }
}
