/// What a stat says about a file; a file is stable once this has not changed for the quiet period.
/// Size alone is weak (servers preallocate, docs/operations.md §2), hence times, inode and device too.
public struct FileFingerprint: Sendable, Hashable, Codable {
    public var size: Int64
    public var modificationNanoseconds: Int64
    public var changeNanoseconds: Int64
    public var inode: UInt64
    public var device: UInt64

    public init(size: Int64, modificationNanoseconds: Int64, changeNanoseconds: Int64, inode: UInt64, device: UInt64) {
        self.size = size
        self.modificationNanoseconds = modificationNanoseconds
        self.changeNanoseconds = changeNanoseconds
        self.inode = inode
        self.device = device
    }
}
