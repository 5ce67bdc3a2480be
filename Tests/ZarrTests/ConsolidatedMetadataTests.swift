import Foundation
import Testing
import Zarr

@Suite("ConsolidatedMetadata: .zmetadata holds every v2 document of the hierarchy, kept current")
struct ConsolidatedMetadataTests {
    /// A plate-like v2 hierarchy: root group with attributes, a row, a well with one array.
    private static func writeHierarchy(_ store: FileStore, wells: [String]) throws {
        try ZarrGroup.write(store: store, path: "", format: .v2, attributes: ["plate": ["wells": .array(wells.map { .string($0) })]])
        try ZarrGroup.write(store: store, path: "A", format: .v2, attributes: nil)
        for well in wells {
            try ZarrGroup.write(store: store, path: well, format: .v2, attributes: ["well": ["images": []]])
            let array = ArrayMetadata(format: .v2, shape: [4, 4], dataType: .uint16, chunkShape: [2, 2], compressor: .zstd(level: 1, checksum: false))
            let writer = try ZarrArrayWriter(store: store, path: well + "/0", metadata: array)
            try writer.writeMetadata()
            try [UInt8](repeating: 7, count: 32).withUnsafeBytes { pixels in
                try writer.writeRegion(origin: [0, 0], shape: [4, 4], data: pixels)
            }
        }
    }

    /// Every `.zgroup`, `.zattrs` and `.zarray` under the store, read straight from the files.
    private static func documentsOnDisk(_ store: FileStore) throws -> [String: JSONValue] {
        var documents: [String: JSONValue] = [:]
        for path in allFiles(under: store.root) where [".zgroup", ".zattrs", ".zarray"].contains((path as NSString).lastPathComponent) {
            documents[path] = try JSONValue(parsing: #require(try store.read(path)))
        }
        return documents
    }

    @Test func aScanFindsEveryDocumentAndTheFileReadsBackTheSame() throws {
        try withTemporaryStore { store in
            try Self.writeHierarchy(store, wells: ["A/1", "A/2"])
            let scanned = try ConsolidatedMetadata.current(in: store)
            #expect(scanned.documents == (try Self.documentsOnDisk(store)))
            #expect(scanned.documents.keys.contains(".zgroup") && scanned.documents.keys.contains("A/2/0/.zarray"))
            try scanned.write(to: store, durable: false)
            let file = try JSONValue(parsing: #require(try store.read(ConsolidatedMetadata.key)))
            #expect(file["zarr_consolidated_format"] == 1)
            #expect(try ConsolidatedMetadata.current(in: store) == scanned)
        }
    }

    @Test func refreshingATreeOrANodeFollowsWhatChangedThere() throws {
        try withTemporaryStore { store in
            try Self.writeHierarchy(store, wells: ["A/1"])
            var consolidated = try ConsolidatedMetadata.current(in: store)
            try Self.writeHierarchy(store, wells: ["A/1", "A/2"])
            try store.removeTree("A/1")
            try consolidated.refresh(node: "", in: store)
            try consolidated.refresh(tree: "A/1", in: store)
            try consolidated.refresh(tree: "A/2", in: store)
            #expect(consolidated.documents == (try Self.documentsOnDisk(store)))
            #expect(!consolidated.documents.keys.contains { $0.hasPrefix("A/1/") })
        }
    }
}
