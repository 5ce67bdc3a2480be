import Foundation

/// Size, modification and change times and inode of a source file: if any differs after a read, the file
/// changed while it was being read (still growing, replaced) and the read cannot be trusted.
public struct SourceFingerprint: Sendable, Hashable {
    public let size: Int64
    public let modifiedNanoseconds: Int64
    public let changedNanoseconds: Int64
    public let inode: Int64

    public init(size: Int64, modifiedNanoseconds: Int64, changedNanoseconds: Int64, inode: Int64) {
        self.size = size
        self.modifiedNanoseconds = modifiedNanoseconds
        self.changedNanoseconds = changedNanoseconds
        self.inode = inode
    }

    /// The file's fingerprint now (symbolic links not followed), nil when it cannot be read.
    public static func current(path: String) -> SourceFingerprint? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        return SourceFingerprint(
            size: Int64(status.st_size),
            modifiedNanoseconds: Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec),
            changedNanoseconds: Int64(status.st_ctim.tv_sec) * 1_000_000_000 + Int64(status.st_ctim.tv_nsec),
            inode: Int64(bitPattern: UInt64(status.st_ino)))
    }
}
