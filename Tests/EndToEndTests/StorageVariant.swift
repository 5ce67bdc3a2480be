import Zarr

/// The store flavours every plate must come out right in.
enum StorageVariant: String, Sendable, CaseIterable, CustomStringConvertible {
    case ngff04 = "NGFF 0.4"
    case ngff05Unsharded = "NGFF 0.5 unsharded"
    case ngff05Sharded = "NGFF 0.5 sharded"

    var description: String { rawValue }

    var ingestArguments: [String] {
        switch self {
        case .ngff04: ["--ngff", "0.4"]
        case .ngff05Unsharded: ["--ngff", "0.5", "--shard", "none"]
        case .ngff05Sharded: ["--ngff", "0.5", "--shard", "plane"]
        }
    }

    var zarrFormat: ZarrFormat { self == .ngff04 ? .v2 : .v3 }

    var isSharded: Bool { self == .ngff05Sharded }
}
