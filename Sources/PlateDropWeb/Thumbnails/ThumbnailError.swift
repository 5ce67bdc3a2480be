import Zarr

/// Why a well's thumbnail could not be made.
public enum ThumbnailError: Error, Sendable, CustomStringConvertible {
    /// The store lacks something the thumbnail needs, or has it in an unexpected shape.
    case unreadable(String)
    case zarr(ZarrError)
    case encoding(String)

    public var description: String {
        switch self {
        case let .unreadable(detail): detail
        case let .zarr(error): "\(error)"
        case let .encoding(detail): detail
        }
    }
}
