import Foundation

/// A failure while reading or writing a Zarr store; `path` names the file or key involved.
public struct ZarrError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong, with the expected and the found value where that applies.
    public enum Kind: Sendable, Equatable {
        /// A store key is not a safe relative "/"-separated path.
        case invalidKey(key: String, reason: String)
        /// A system call failed; `code` is the errno value.
        case fileSystem(operation: String, code: Int32)
        /// Bytes that should be JSON are not.
        case invalidJSON(offset: Int, expected: String, found: String)
        /// No metadata document exists where one was expected.
        case missingMetadata(expected: String)
        /// A required metadata field is absent.
        case missingField(field: String)
        /// A metadata field has the wrong type or an invalid value.
        case invalidField(field: String, expected: String, found: String)
        /// The store uses a feature this implementation does not read or write.
        case unsupported(feature: String, found: String, supported: String)
        /// A region passed to a writer or reader does not fit the array.
        case invalidRegion(expected: String, found: String)
        /// A buffer or file has the wrong size.
        case sizeMismatch(what: String, expected: Int, found: Int)
        /// A compression library reported an error.
        case codecFailure(codec: String, detail: String)
        /// A stored checksum does not match the data.
        case checksumMismatch(what: String, expected: UInt32, found: UInt32)
        /// A shard file's index is unusable.
        case corruptShard(detail: String)
    }

    /// The file or store key the error concerns.
    public let path: String
    /// The kind of failure.
    public let kind: Kind

    /// Creates an error about `path`.
    public init(path: String, _ kind: Kind) {
        self.path = path
        self.kind = kind
    }

    public var description: String {
        switch kind {
        case let .invalidKey(key, reason):
            return "\(path): store key \"\(key)\" is not allowed (\(reason)); use a relative path of non-empty components separated by \"/\""
        case let .fileSystem(operation, code):
            return "\(path): \(operation) failed: \(String(cString: strerror(code))) (errno \(code)); check the path, its permissions and free space"
        case let .invalidJSON(offset, expected, found):
            return "\(path): invalid JSON at byte \(offset): expected \(expected), found \(found); fix or regenerate the file"
        case let .missingMetadata(expected):
            return "\(path): no Zarr metadata found, expected \(expected); check the path points at a Zarr array or group"
        case let .missingField(field):
            return "\(path): required field \"\(field)\" is missing; the metadata was not written by a conforming Zarr writer"
        case let .invalidField(field, expected, found):
            return "\(path): field \"\(field)\" should be \(expected) but is \(found); correct the metadata"
        case let .unsupported(feature, found, supported):
            return "\(path): unsupported \(feature) \(found); supported: \(supported); re-export the data with a supported setting"
        case let .invalidRegion(expected, found):
            return "\(path): region must be \(expected) but is \(found); pass a region that meets this"
        case let .sizeMismatch(what, expected, found):
            return "\(path): \(what) has \(found) bytes but \(expected) were expected; the data is truncated or does not match the metadata"
        case let .codecFailure(codec, detail):
            return "\(path): \(codec) failed: \(detail); the chunk is corrupt or was written with an incompatible codec"
        case let .checksumMismatch(what, expected, found):
            return "\(path): \(what) checksum is 0x\(String(found, radix: 16)) but the stored value is 0x\(String(expected, radix: 16)); the file is corrupt, rewrite it"
        case let .corruptShard(detail):
            return "\(path): corrupt shard: \(detail); rewrite the shard"
        }
    }
}
