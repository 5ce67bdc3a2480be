import Layouts

/// One well the daemon asks to write: the timepoints whose planes are ready and those the well already has
/// on disk. The writer appends them to the well in place when it can, else writes the well whole.
public struct WellRequest: Sendable, Hashable {
    public let well: WellPosition
    /// Instrument t values to write now: complete, changed, or written with what is there.
    public let timepoints: Set<Int>
    /// Instrument t values the well holds on disk from earlier writes.
    public let onDisk: Set<Int>

    public init(well: WellPosition, timepoints: Set<Int>, onDisk: Set<Int>) {
        self.well = well
        self.timepoints = timepoints
        self.onDisk = onDisk
    }
}

/// What a run did to one well: the timepoints it wrote, and whether it wrote the well whole (every
/// timepoint it holds, a new generation of the well) or only those timepoints in place.
public struct WrittenTimepoints: Sendable, Hashable {
    public let timepoints: Set<Int>
    public let wholeWell: Bool
}
