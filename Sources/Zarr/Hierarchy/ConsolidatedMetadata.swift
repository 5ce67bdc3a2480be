import Foundation

/// Zarr v2 consolidated metadata: `.zmetadata` at a hierarchy's root holding every `.zgroup`, `.zattrs` and
/// `.zarray` below it (the document zarr-python's `consolidate_metadata` writes and `open_consolidated`
/// reads), so a reader learns a whole plate from one file. Tools that read Zarr v2 only (MoBIE, OMERO's
/// importers) open large plates far faster this way.
public struct ConsolidatedMetadata: Sendable, Equatable {
    /// The file's key at the hierarchy's root.
    public static let key = ".zmetadata"
    private static let documentNames: Set<String> = [NodeKeys.v2Group, NodeKeys.v2Attributes, NodeKeys.v2Array]

    /// Metadata documents by key ("A/1/0/.zarray"), as read from the store.
    public private(set) var documents: [String: JSONValue]

    /// What the store's `.zmetadata` holds, or, when it has none, what its metadata files say.
    public static func current(in store: FileStore) throws(ZarrError) -> ConsolidatedMetadata {
        // A missing or damaged file is rebuilt from the documents themselves.
        guard let bytes = try store.read(key), let json = try? JSONValue(parsing: bytes, source: store.location(of: key)),
              let entries = json["metadata"]?.objectValue else {
            var scanned = ConsolidatedMetadata(documents: [:])
            try scanned.refresh(tree: "", in: store)
            return scanned
        }
        return ConsolidatedMetadata(documents: Dictionary(entries.keys.compactMap { key in entries[key].map { (key, $0) } },
                                                          uniquingKeysWith: { first, _ in first }))
    }

    /// Reads again the documents of the node at `path` itself ("" is the root), not those below it.
    public mutating func refresh(node path: String, in store: FileStore) throws(ZarrError) {
        for name in Self.documentNames {
            let key = NodeKeys.join(path, name)
            documents[key] = try Self.document(key, in: store)
        }
    }

    /// Reads again every document at and below `path`, dropping those of nodes that are gone.
    public mutating func refresh(tree path: String, in store: FileStore) throws(ZarrError) {
        let prefix = path.isEmpty ? "" : path + "/"
        documents = documents.filter { !$0.key.hasPrefix(prefix) }
        try scan(path, in: store)
    }

    /// Writes `.zmetadata` (atomically, as every store write is).
    public func write(to store: FileStore, durable: Bool) throws(ZarrError) {
        try store.write(json.prettyBytes(), to: Self.key, durable: durable)
    }

    /// The document, keys sorted.
    public var json: JSONValue {
        let metadata = JSONObject(documents.keys.sorted().map { ($0, documents[$0]!) })
        return ["metadata": .object(metadata), "zarr_consolidated_format": 1]
    }

    private mutating func scan(_ path: String, in store: FileStore) throws(ZarrError) {
        for name in try store.list(path) {
            let key = NodeKeys.join(path, name)
            if Self.documentNames.contains(name) {
                documents[key] = try Self.document(key, in: store)
            } else if !name.hasPrefix("."), try Self.isDirectory(key, in: store) {
                try scan(key, in: store)
            }
        }
    }

    private static func isDirectory(_ key: String, in store: FileStore) throws(ZarrError) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: store.location(of: key), isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private static func document(_ key: String, in store: FileStore) throws(ZarrError) -> JSONValue? {
        guard let bytes = try store.read(key) else { return nil }
        return try JSONValue(parsing: bytes, source: store.location(of: key))
    }
}
