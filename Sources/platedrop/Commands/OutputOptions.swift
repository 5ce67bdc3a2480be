import ArgumentParser
import Config
import Ingest
import NGFF
import Zarr

/// Flags that override the config's `[output]` section for one run.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output profile: compat = OME-NGFF 0.4 (Zarr v2) with consolidated .zmetadata, for OMERO and MoBIE.")
    var profile: String?

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
        try OutputOverrides(profile: profile, ngff: ngff, codec: codec, level: level, chunk: chunk, shard: shard,
                            pyramidLevels: pyramidLevels, workers: workers).applied(to: base)
    }
}
