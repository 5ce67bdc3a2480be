import Foundation
import NGFF
import Zarr

/// How plates are written: format, codec, chunking, pyramid and parallelism.
public struct IngestOptions: Sendable, Hashable {
    /// How level arrays are split into files.
    public enum Sharding: String, Sendable, Hashable, CaseIterable {
        /// One shard file per field plane position and level, holding its channels (Zarr v3 only), inner
        /// chunks of `chunkSize`; see `FieldArrayLayout.shardChannelBudget`.
        case plane
        /// One file per chunk.
        case none
    }

    public var ngffVersion: NGFFVersion
    public var compressor: ZarrCompressor
    /// The y/x edge of a chunk (the inner chunk when sharded); clipped to the plane.
    public var chunkSize: Int
    public var sharding: Sharding
    /// Levels stop at the first whose larger side is at most this.
    public var pyramidSmallestSide: Int
    /// An optional cap on the number of levels, level 0 included.
    public var pyramidMaximumLevels: Int?
    /// Planes processed at once; one per core keeps the compressor busy without oversubscribing.
    public var workers: Int
    /// fsync every chunk file before its well is published; metadata is always written durably. The
    /// daemon sets it: a listed well must survive a power cut.
    public var durableChunks: Bool
    /// Replace a plate store that already exists instead of refusing.
    public var overwrite: Bool
    /// Keep a Zarr v2 `.zmetadata` at the plate root current as wells land (NGFF 0.4 only): the `compat`
    /// profile, for tools that read v2 plates through consolidated metadata.
    public var consolidatedMetadata: Bool

    public init(
        ngffVersion: NGFFVersion = .v05,
        compressor: ZarrCompressor = .blosc(.zstd, clevel: 5, shuffle: .bit),
        chunkSize: Int = 1024,
        sharding: Sharding = .plane,
        pyramidSmallestSide: Int = 256,
        pyramidMaximumLevels: Int? = nil,
        workers: Int = IngestOptions.defaultWorkerCount,
        durableChunks: Bool = false,
        overwrite: Bool = false,
        consolidatedMetadata: Bool = false
    ) {
        self.ngffVersion = ngffVersion
        self.compressor = compressor
        self.chunkSize = chunkSize
        self.sharding = sharding
        self.pyramidSmallestSide = pyramidSmallestSide
        self.pyramidMaximumLevels = pyramidMaximumLevels
        self.workers = workers
        self.durableChunks = durableChunks
        self.overwrite = overwrite
        self.consolidatedMetadata = consolidatedMetadata
    }

    /// One worker per available core.
    public static var defaultWorkerCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Sharding applies to Zarr v3 only; a 0.4 plate always has one file per chunk.
    var effectiveSharding: Sharding { ngffVersion == .v04 ? .none : sharding }
}
