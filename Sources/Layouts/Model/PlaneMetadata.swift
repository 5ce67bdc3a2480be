/// What an image file's own header says about its plane, for instruments that write one (MetaXpress
/// writes MetaSeries XML into every TIFF). Lengths are in micrometres.
public struct PlaneMetadata: Sendable, Equatable {
    /// Pixel size in micrometres (the x size; HCS cameras have square pixels).
    public var pixelSizeMicrons: Double?
    /// The instrument's name for the channel, e.g. "DAPI".
    public var channelName: String?
    /// Emission wavelength in nanometres.
    public var emissionNanometres: Double?
    /// Whether the plane was taken in transmitted light (brightfield), which viewers show grey.
    public var isTransmittedLight: Bool
    /// Stage position of the field's origin.
    public var stageXMicrons: Double?
    public var stageYMicrons: Double?
    /// Focus position of the plane.
    public var zMicrons: Double?
    /// How the plane was projected from a stack ("Maximum", "Best Focus"), nil for a plane that is not a projection.
    public var projectionMethod: String?
    /// When the plane was taken, in seconds since 1970 (UTC).
    public var acquisitionTime: Double?

    /// Metadata from its parts; everything defaults to unknown.
    public init(pixelSizeMicrons: Double? = nil, channelName: String? = nil, emissionNanometres: Double? = nil,
                isTransmittedLight: Bool = false, stageXMicrons: Double? = nil, stageYMicrons: Double? = nil,
                zMicrons: Double? = nil, projectionMethod: String? = nil, acquisitionTime: Double? = nil) {
        self.pixelSizeMicrons = pixelSizeMicrons
        self.channelName = channelName
        self.emissionNanometres = emissionNanometres
        self.isTransmittedLight = isTransmittedLight
        self.stageXMicrons = stageXMicrons
        self.stageYMicrons = stageYMicrons
        self.zMicrons = zMicrons
        self.projectionMethod = projectionMethod
        self.acquisitionTime = acquisitionTime
    }
}
