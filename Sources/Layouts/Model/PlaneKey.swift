/// One plane of a plate as the instrument numbers it (every index 0-based), whatever file holds it: the
/// unit completeness is counted in and duplicates collide on, in batch and daemon alike.
public struct PlaneKey: Hashable, Sendable {
    public var well: WellPosition
    public var acquisition: Int
    public var field: Int
    public var t: Int
    public var channel: Int
    public var z: Int

    public init(well: WellPosition, acquisition: Int, field: Int, t: Int, channel: Int, z: Int) {
        self.well = well
        self.acquisition = acquisition
        self.field = field
        self.t = t
        self.channel = channel
        self.z = z
    }

    /// The same plane in another well, to compare one well's planes with those of the others.
    public func moved(to other: WellPosition) -> PlaneKey {
        var moved = self
        moved.well = other
        return moved
    }
}

extension ImageKey {
    /// The plane this key names at `z` (its own z when the name gives one).
    public func plane(z: Int) -> PlaneKey {
        PlaneKey(well: well, acquisition: acquisition, field: field, t: t, channel: channel, z: self.z ?? z)
    }

    /// The planes of a file named by this key that holds `pageCount` pages: its own z, or one per page
    /// when the name gives no z and the pages are the z-planes.
    public func planes(pageCount: Int) -> [PlaneKey] {
        z.map { [plane(z: $0)] } ?? (0..<max(1, pageCount)).map { plane(z: $0) }
    }
}
