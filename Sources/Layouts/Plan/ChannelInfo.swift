/// One channel as the vendor plan describes it.
public struct ChannelInfo: Hashable, Sendable {
    /// 0-based channel index, the same as `ImageKey.channel`.
    public var index: Int
    /// Vendor channel name, e.g. "DAPI"; a token such as "C01" or "w2" when the plan names none.
    public var name: String
    /// Main excitation wavelength in nanometres, when known.
    public var excitationNanometres: Double?
    /// Main emission wavelength in nanometres, when known.
    public var emissionNanometres: Double?
    /// Display colour as six hex digits ("002FFF"), when the instrument's settings give one.
    public var colorRGB: String?
    /// How the instrument projected the channel's planes from a stack ("Maximum"), when it stored only
    /// the projection; nil for a channel of real planes.
    public var projectionMethod: String?
    /// Whether `name` is only the vendor's channel token ("C01", "ch2"), which a plan that knows the
    /// channel's real name replaces when plans are merged.
    public var isNamedByToken: Bool

    /// A channel from its parts.
    public init(index: Int, name: String, excitationNanometres: Double? = nil, emissionNanometres: Double? = nil,
                colorRGB: String? = nil, projectionMethod: String? = nil, isNamedByToken: Bool = false) {
        self.index = index
        self.name = name
        self.excitationNanometres = excitationNanometres
        self.emissionNanometres = emissionNanometres
        self.colorRGB = colorRGB
        self.projectionMethod = projectionMethod
        self.isNamedByToken = isNamedByToken
    }
}
