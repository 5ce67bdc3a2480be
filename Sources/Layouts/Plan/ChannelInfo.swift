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

    /// A channel from its parts.
    public init(index: Int, name: String, excitationNanometres: Double? = nil, emissionNanometres: Double? = nil) {
        self.index = index
        self.name = name
        self.excitationNanometres = excitationNanometres
        self.emissionNanometres = emissionNanometres
    }
}
