/// A file the watcher found stable: where it is and its fingerprint.
public struct FileSighting: Sendable, WatchedFile {
    public let root: String
    public let relativePath: String
    public let size: Int64
    public let modifiedNanoseconds: Int64
    public let changedNanoseconds: Int64
    public let inode: Int64

    public init(root: String, relativePath: String, size: Int64, modifiedNanoseconds: Int64, changedNanoseconds: Int64,
                inode: Int64) {
        self.root = root
        self.relativePath = relativePath
        self.size = size
        self.modifiedNanoseconds = modifiedNanoseconds
        self.changedNanoseconds = changedNanoseconds
        self.inode = inode
    }
}

extension FileSighting {
    /// The sighting a catalogued file was recorded from.
    public init(_ file: FileRecord) {
        self.init(root: file.root, relativePath: file.relativePath, size: file.size,
                  modifiedNanoseconds: file.modifiedNanoseconds, changedNanoseconds: file.changedNanoseconds,
                  inode: file.inode)
    }
}
