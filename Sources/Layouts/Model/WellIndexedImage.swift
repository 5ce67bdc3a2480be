/// An image whose name numbers its well instead of naming it (CellVoyager CQ3000 `W0029F0001T0001Z000C1`):
/// which well index 29 is depends on how many columns the plate has, which only the plan knows, so the
/// image is placed once a plan covers it (`key(on:)`, or the plan's own key for the file).
public struct WellIndexedImage: Hashable, Sendable {
    /// The plate, as for `ImageKey.plate`.
    public var plate: String
    /// 1-based well index, counted row by row across the plate.
    public var wellIndex: Int
    /// The rest of the key, 0-based as in `ImageKey`.
    public var field: Int
    public var channel: Int
    public var z: Int?
    public var t: Int
    public var acquisition: Int

    /// An image of `plate` at the 1-based `wellIndex`, the other indices 0-based.
    public init(plate: String, wellIndex: Int, field: Int, channel: Int, z: Int?, t: Int = 0, acquisition: Int = 0) {
        self.plate = plate
        self.wellIndex = wellIndex
        self.field = field
        self.channel = channel
        self.z = z
        self.t = t
        self.acquisition = acquisition
    }

    /// The well its index names on a plate of `format`, nil when the index lies beyond the plate.
    public func well(on format: PlateFormat) -> WellPosition? {
        guard wellIndex >= 1, wellIndex <= format.wellCount else { return nil }
        return WellPosition(row: (wellIndex - 1) / format.columns, column: (wellIndex - 1) % format.columns)
    }

    /// The image's key once its well is known.
    public func key(at well: WellPosition) -> ImageKey {
        ImageKey(plate: plate, well: well, field: field, channel: channel, z: z, t: t, acquisition: acquisition)
    }
}
