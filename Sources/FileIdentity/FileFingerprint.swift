import Glibc

/// What a stat says of one version of a file: its size, modification and change times and inode. The watcher
/// calls a file stable once this has not changed for the quiet period; the catalogue records it; a read that
/// ends with another fingerprint read a file that changed under it (still growing, replaced). Size alone is
/// weak (servers preallocate, docs/operations.md §2), hence the times and the inode. The device is left out:
/// a network share's device number changes when it is mounted again, and a file moved to another file system
/// gets a new inode anyway.
public struct FileFingerprint: Sendable, Hashable, Codable {
    public var size: Int64
    public var modificationNanoseconds: Int64
    public var changeNanoseconds: Int64
    public var inode: UInt64

    public init(size: Int64, modificationNanoseconds: Int64, changeNanoseconds: Int64, inode: UInt64) {
        self.size = size
        self.modificationNanoseconds = modificationNanoseconds
        self.changeNanoseconds = changeNanoseconds
        self.inode = inode
    }

    /// The fingerprint a stat gives.
    public init(_ status: stat) {
        self.init(
            size: Int64(status.st_size),
            modificationNanoseconds: Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec),
            changeNanoseconds: Int64(status.st_ctim.tv_sec) * 1_000_000_000 + Int64(status.st_ctim.tv_nsec),
            inode: UInt64(status.st_ino))
    }

    /// The file's fingerprint now (symbolic links not followed), nil when it cannot be examined.
    public static func current(path: String) -> FileFingerprint? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        return FileFingerprint(status)
    }
}
