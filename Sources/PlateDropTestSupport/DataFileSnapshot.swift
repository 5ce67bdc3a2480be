import Foundation

/// The chunk and shard files of a Zarr store (every regular file but the metadata documents), each with its
/// inode, size, modification time and bytes: what must stay exactly as it is while a plate grows along t.
public struct DataFileSnapshot: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public let inode: UInt64
        public let size: Int
        public let modifiedNanoseconds: Int
        public let contents: [UInt8]
    }

    /// Metadata documents of Zarr v2 and v3; everything else in a store holds pixels (or a shard index).
    static let metadataNames: Set<String> = ["zarr.json", ".zarray", ".zattrs", ".zgroup", ".zmetadata"]

    public let entries: [String: Entry]

    public init(of root: String) throws {
        var entries: [String: Entry] = [:]
        for relativePath in try FileManager.default.subpathsOfDirectory(atPath: root) {
            let name = (relativePath as NSString).lastPathComponent
            guard !Self.metadataNames.contains(name) else { continue }
            var info = stat()
            guard lstat(root + "/" + relativePath, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            entries[relativePath] = Entry(
                inode: UInt64(info.st_ino), size: Int(info.st_size),
                modifiedNanoseconds: Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec),
                contents: [UInt8](try Data(contentsOf: URL(fileURLWithPath: root + "/" + relativePath))))
        }
        self.entries = entries
    }

    /// Files of `self` that `later` no longer has exactly as they were (gone, or another inode, size,
    /// modification time or content); files `later` added do not count.
    public func changed(in later: DataFileSnapshot) -> [String] {
        entries.filter { later.entries[$0.key] != $0.value }.keys.sorted()
    }
}
