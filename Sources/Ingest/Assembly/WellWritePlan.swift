import Layouts

/// How one well of a run is written: whole, staged beside the plate and swapped in, or (a time-lapse well
/// already in the plate) by writing only some timepoints straight into its arrays and then growing them.
struct WellWritePlan: Sendable {
    let well: WellPosition
    /// The t positions whose planes this run writes.
    let timepoints: Set<Int>
    /// The timepoints the well's arrays hold once this run is done.
    let timeExtent: Int
    /// Whether the timepoints go into the well in the plate, leaving every file of its other timepoints alone.
    let inPlace: Bool

    /// Every timepoint of a well of `geometry`, written whole: what batch ingest does.
    static func whole(_ well: WellPosition, of geometry: PlateGeometry) -> WellWritePlan {
        WellWritePlan(well: well, timepoints: Set(geometry.timepoints.indices), timeExtent: geometry.timepoints.count,
                      inPlace: false)
    }
}
