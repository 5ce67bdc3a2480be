import Ingest
import Zarr

/// Output settings given for one run (the CLI's flags) on top of the config's `[output]` section. Each is
/// checked as the config file would check it; a level alone keeps the config's codec and shuffle.
public struct OutputOverrides: Sendable {
    public var profile: String?
    public var ngff: String?
    public var codec: String?
    public var level: Int?
    public var chunk: Int?
    public var shard: String?
    public var pyramidLevels: Int?
    public var workers: Int?

    public init(profile: String? = nil, ngff: String? = nil, codec: String? = nil, level: Int? = nil, chunk: Int? = nil, shard: String? = nil,
                pyramidLevels: Int? = nil, workers: Int? = nil) {
        self.profile = profile
        self.ngff = ngff
        self.codec = codec
        self.level = level
        self.chunk = chunk
        self.shard = shard
        self.pyramidLevels = pyramidLevels
        self.workers = workers
    }

    /// `base` with these settings applied.
    public func applied(to base: IngestOptions) throws -> IngestOptions {
        var lines: [String] = []
        if let profile { lines.append("profile = \"\(profile)\"") }
        if let ngff { lines.append("ngff = \"\(ngff)\"") }
        if let codec {
            lines.append("codec = \"\(codec)\"")
        } else if level != nil, let family = Self.codecFamily(of: base.compressor) {
            // Checked against the range of the codec the level is for.
            lines.append("codec = \"\(family)\"")
        }
        if let level { lines.append("level = \(level)") }
        if let chunk { lines.append("chunk = \(chunk)") }
        if let shard { lines.append("shard = \"\(shard)\"") }
        if let pyramidLevels { lines.append("pyramid_levels = \(pyramidLevels)") }
        if let workers { lines.append("workers = \(workers)") }
        guard !lines.isEmpty else { return base }
        let overrides = try PlateDropConfig.parse("[output]\n" + lines.joined(separator: "\n"), path: "command line").output
        var options = base
        if profile != nil {
            options.ngffVersion = overrides.ngffVersion
            options.consolidatedMetadata = overrides.consolidatedMetadata
        }
        if ngff != nil { options.ngffVersion = overrides.ngffVersion }
        if codec != nil {
            options.compressor = overrides.compressor
        } else if level != nil {
            options.compressor = Self.compressor(base.compressor, withLevelOf: overrides.compressor)
        }
        if chunk != nil { options.chunkSize = overrides.chunkSize }
        if shard != nil { options.sharding = overrides.sharding }
        if pyramidLevels != nil { options.pyramidMaximumLevels = overrides.pyramidMaximumLevels }
        if workers != nil { options.workers = overrides.workers }
        return options
    }

    /// The `[output]` codec whose level range applies to `compressor`; nil when it takes no level.
    private static func codecFamily(of compressor: ZarrCompressor) -> String? {
        // The config names blosc after its inner compressor; every blosc takes the same levels.
        compressor.name == "blosc" ? "blosc-zstd" : compressor.name
    }

    /// `base` with only its level taken from `levelled` (a compressor of the same codec).
    private static func compressor(_ base: ZarrCompressor, withLevelOf levelled: ZarrCompressor) -> ZarrCompressor {
        guard base.name == levelled.name, let level = levelled.level else { return base }
        return base.withLevel(level)
    }
}
