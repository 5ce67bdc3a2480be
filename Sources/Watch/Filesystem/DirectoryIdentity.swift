/// A directory's device and inode: tells a replaced or newly mounted root, and symbolic-link loops, apart.
struct DirectoryIdentity: Hashable, Sendable {
    let device: UInt64
    let inode: UInt64
}
