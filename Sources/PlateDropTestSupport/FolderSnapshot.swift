import Foundation

/// Everything observable about a folder tree's files: paths, kinds, sizes, modification times and bytes.
public struct FolderSnapshot: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public let isDirectory: Bool
        public let size: Int
        public let modified: Date?
        public let contents: [UInt8]
    }

    public let entries: [String: Entry]

    public init(of root: String) throws {
        var entries: [String: Entry] = [:]
        let manager = FileManager.default
        for relativePath in try manager.subpathsOfDirectory(atPath: root) {
            let path = root + "/" + relativePath
            let attributes = try manager.attributesOfItem(atPath: path)
            let isDirectory = attributes[.type] as? FileAttributeType == .typeDirectory
            entries[relativePath] = Entry(
                isDirectory: isDirectory, size: (attributes[.size] as? NSNumber)?.intValue ?? -1,
                modified: attributes[.modificationDate] as? Date,
                contents: isDirectory ? [] : [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        }
        self.entries = entries
    }

    /// Paths added, removed or changed in any way between `self` and `later`.
    public func differences(to later: FolderSnapshot) -> [String] {
        Set(entries.keys).union(later.entries.keys).filter { entries[$0] != later.entries[$0] }.sorted()
    }
}
