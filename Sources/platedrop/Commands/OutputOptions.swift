import ArgumentParser
import Config
import Ingest
import NGFF
import Zarr

/// Flags that override the config's `[output]` section for one run.
struct OutputOptions: ParsableArguments {
    @Option(help: "OME-NGFF version: 0.5 (Zarr v3, default) or 0.4 (Zarr v2).")
    var ngff: String?

    @Option(help: "Chunk codec: blosc-zstd (default), blosc-lz4, zstd or none.")
    var codec: String?

    @Option(help: "Codec level (blosc 0-9, default 5; zstd -7-22, default 3).")
    var level: Int?

    @Option(help: "Chunk (inner chunk when sharded) edge in pixels (default 1024).")
    var chunk: Int?

    @Option(help: "Sharding: plane (one shard per field plane position holding its channels, default) or none.")
    var shard: String?

    @Option(name: .customLong("pyramid-levels"), help: "Maximum pyramid levels including full resolution (default: down to 256 px).")
    var pyramidLevels: Int?

    @Option(help: "Planes processed in parallel (default: one per core).")
    var workers: Int?

    /// The config's options with these flags applied, checked the same way the config file is.
    func apply(to base: IngestOptions) throws -> IngestOptions {
        var lines: [String] = []
        if let ngff { lines.append("ngff = \"\(ngff)\"") }
        if let codec { lines.append("codec = \"\(codec)\"") }
        if let level { lines.append("level = \(level)") }
        if let chunk { lines.append("chunk = \(chunk)") }
        if let shard { lines.append("shard = \"\(shard)\"") }
        if let pyramidLevels { lines.append("pyramid_levels = \(pyramidLevels)") }
        if let workers { lines.append("workers = \(workers)") }
        guard !lines.isEmpty else { return base }
        let overrides = try PlateDropConfig.parse("[output]\n" + lines.joined(separator: "\n"), path: "command line").output
        var options = base
        if ngff != nil { options.ngffVersion = overrides.ngffVersion }
        if codec != nil || level != nil { options.compressor = overrides.compressor }
        if chunk != nil { options.chunkSize = overrides.chunkSize }
        if shard != nil { options.sharding = overrides.sharding }
        if pyramidLevels != nil { options.pyramidMaximumLevels = overrides.pyramidMaximumLevels }
        if workers != nil { options.workers = overrides.workers }
        return options
    }
}
