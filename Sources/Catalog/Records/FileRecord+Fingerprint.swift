import FileIdentity

extension FileRecord {
    /// The version of the file the row records. SQLite keeps the inode as a signed 64-bit integer, so the
    /// column holds the inode's bit pattern.
    public var fingerprint: FileFingerprint {
        get {
            FileFingerprint(size: size, modificationNanoseconds: modifiedNanoseconds, changeNanoseconds: changedNanoseconds,
                            inode: UInt64(bitPattern: inode))
        }
        set {
            size = newValue.size
            modifiedNanoseconds = newValue.modificationNanoseconds
            changedNanoseconds = newValue.changeNanoseconds
            inode = Int64(bitPattern: newValue.inode)
        }
    }
}
