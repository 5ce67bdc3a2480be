/// Where one image file belongs in a plate: every index 0-based, normalised from the vendor's 1-based tokens.
public struct ImageKey: Hashable, Sendable, CustomStringConvertible {
    /// Plate name, already safe as a directory name (see `safePlateName(_:)`); "" in plan keys, see `PlatePlan`.
    public var plate: String
    /// The well.
    public var well: WellPosition
    /// Field (site) within the well.
    public var field: Int
    /// Channel (wavelength).
    public var channel: Int
    /// Z plane; nil when the file is a multi-page TIFF whose pages are the z-planes.
    public var z: Int?
    /// Time point.
    public var t: Int
    /// Acquisition (run, cycle or timeline) within the plate.
    public var acquisition: Int

    /// A key from its parts; `t` and `acquisition` default to 0.
    public init(plate: String, well: WellPosition, field: Int, channel: Int, z: Int?, t: Int = 0, acquisition: Int = 0) {
        self.plate = plate
        self.well = well
        self.field = field
        self.channel = channel
        self.z = z
        self.t = t
        self.acquisition = acquisition
    }

    /// "plate/C05 field 0 channel 1 z 2 t 0 acquisition 0".
    public var description: String {
        let plane = z.map(String.init) ?? "all pages"
        return "\(plate)/\(well) field \(field) channel \(channel) z \(plane) t \(t) acquisition \(acquisition)"
    }

    /// The same key with another plate name.
    public func withPlate(_ plate: String) -> ImageKey {
        var copy = self
        copy.plate = plate
        return copy
    }
}
