/// A defect found in one shard file by `ZarrArrayReader.verifyShards()`.
public struct ShardProblem: Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the shard.
    public enum Kind: Sendable, Equatable {
        /// The file is shorter than its index.
        case fileTooSmall(size: Int, indexSize: Int)
        /// The crc32c after the index does not match the index bytes.
        case indexChecksumMismatch(stored: UInt32, computed: UInt32)
        /// Exactly one of offset and nbytes is the empty marker (§5.4 requires both or neither).
        case malformedEntry(innerChunk: [Int], offset: UInt64, nbytes: UInt64)
        /// An entry points outside the file's chunk data area.
        case entryOutOfBounds(innerChunk: [Int], offset: UInt64, nbytes: UInt64, fileSize: Int)
        /// Two entries share bytes.
        case overlappingEntries(first: [Int], second: [Int])
        /// Inner chunks inside the array are marked empty: normal for writers that skip all-fill
        /// chunks, a sign of an incomplete write for writers (like this one) that never do.
        case missingInnerChunks(count: Int)
    }

    /// File-system path of the shard.
    public let path: String
    /// Grid coordinates of the shard.
    public let shardCoordinates: [Int]
    /// The defect.
    public let kind: Kind

    public var description: String {
        switch kind {
        case let .fileTooSmall(size, indexSize):
            "\(path): \(size) bytes, smaller than its \(indexSize)-byte index; the shard is truncated, rewrite it"
        case let .indexChecksumMismatch(stored, computed):
            "\(path): index crc32c is 0x\(String(computed, radix: 16)) but 0x\(String(stored, radix: 16)) is stored; the index is corrupt, rewrite the shard"
        case let .malformedEntry(innerChunk, offset, nbytes):
            "\(path): index entry for inner chunk \(innerChunk) has offset \(offset), nbytes \(nbytes); an empty chunk needs both set to 2^64-1, rewrite the shard"
        case let .entryOutOfBounds(innerChunk, offset, nbytes, fileSize):
            "\(path): inner chunk \(innerChunk) at offset \(offset) with \(nbytes) bytes lies outside the chunk data of a \(fileSize)-byte file; the shard is truncated or corrupt, rewrite it"
        case let .overlappingEntries(first, second):
            "\(path): inner chunks \(first) and \(second) overlap; the index is corrupt, rewrite the shard"
        case let .missingInnerChunks(count):
            "\(path): \(count) inner chunk(s) inside the array are empty and read as the fill value; rewrite the shard if it should hold data"
        }
    }
}
