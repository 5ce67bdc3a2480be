/// What a CellVoyager measurement-settings file (`.mes`) says about the plate and its channels.
public struct MeasurementSettings: Sendable, Equatable {
    /// One `<bts:Channel>` of the `<bts:ChannelList>`.
    public struct Channel: Sendable, Equatable {
        /// 0-based channel index, from `bts:Ch` (1-based in the file).
        public var index: Int
        /// `bts:Target`, e.g. "405" or "Brightfield"; nil when absent or empty.
        public var target: String?
        /// `bts:Acquisition`, the emission filter, e.g. "BP445/45"; nil when absent or empty.
        public var acquisition: String?
        /// `bts:Fluorophore` when non-empty.
        public var fluorophore: String?
        /// Centre of a band-pass emission filter: 445 for "BP445/45"; nil for other filters.
        public var emissionNanometres: Double?
        /// `bts:WaveLength` of the light source the channel names in its `<bts:LightSourceName>`;
        /// nil for the lamp (written as 0) or a name missing from `<bts:LightSourceList>`.
        public var excitationNanometres: Double?
        /// Display colour as six upper-case hex digits "RRGGBB": `bts:Color` "#FF002FFF" is ARGB and gives "002FFF".
        public var colorRGB: String?
        /// `bts:MinLevel`: the display minimum as a fraction 0…1 of the camera range, as written.
        public var displayMin: Double?
        /// `bts:MaxLevel`: the display maximum as a fraction 0…1 of the camera range, as written.
        public var displayMax: Double?

        /// Creates a channel from its parts.
        public init(index: Int, target: String? = nil, acquisition: String? = nil, fluorophore: String? = nil,
                    emissionNanometres: Double? = nil, excitationNanometres: Double? = nil, colorRGB: String? = nil,
                    displayMin: Double? = nil, displayMax: Double? = nil) {
            self.index = index
            self.target = target
            self.acquisition = acquisition
            self.fluorophore = fluorophore
            self.emissionNanometres = emissionNanometres
            self.excitationNanometres = excitationNanometres
            self.colorRGB = colorRGB
            self.displayMin = displayMin
            self.displayMax = displayMax
        }

        /// A display name: fluorophore if set, else "<target> <acquisition>" e.g. "405 BP445/45"
        /// (either alone when only one is written), else "Ch<n>" with the 1-based number of the file.
        public var name: String {
            if let fluorophore { return fluorophore }
            let parts = [target, acquisition].compactMap { $0 }
            return parts.isEmpty ? "Ch\(index + 1)" : parts.joined(separator: " ")
        }
    }

    /// The channels, ordered by index.
    public var channels: [Channel]
    /// `bts:Columns` of the root: wells per plate row.
    public var columns: Int?
    /// `bts:Rows` of the root: well rows of the plate.
    public var rows: Int?

    /// Creates settings from their parts.
    public init(channels: [Channel], columns: Int? = nil, rows: Int? = nil) {
        self.channels = channels
        self.columns = columns
        self.rows = rows
    }
}
