import Foundation
import Testing
import Zarr

/// A plate store the daemon wrote (NGFF 0.5, Zarr v3), read through the product's Zarr module.
struct StoreOnDisk {
    let root: String
    private let store: FileStore

    init(root: String) {
        self.root = root
        store = FileStore(root: root)
    }

    /// Every file and folder in the store, relative to it, sorted (temporary files included).
    func relativePaths() throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: root).sorted()
    }

    /// Every `zarr.json`, parsed, keyed by the path of its node ("" for the plate group).
    func metadataDocuments() throws -> [String: JSONValue] {
        var documents: [String: JSONValue] = [:]
        for path in try relativePaths() where (path as NSString).lastPathComponent == "zarr.json" {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: root + "/" + path)))
            documents[(path as NSString).deletingLastPathComponent] = try JSONValue(parsing: bytes, source: root + "/" + path)
        }
        return documents
    }

    /// Paths of every array node: each resolution level of each field.
    func arrayPaths() throws -> [String] {
        try metadataDocuments().filter { $0.value["node_type"]?.stringValue == "array" }.keys.sorted()
    }

    /// The `wells` list of the plate metadata, as paths ("B/3"), in the order listed.
    func listedWells() throws -> [String] {
        let attributes = try #require(try ZarrGroup.readAttributes(store: store, path: "", format: .v3),
                                      "no plate group at \(root)")
        let wells = try #require(attributes["ome"]?["plate"]?["wells"]?.arrayValue, "no plate wells list at \(root)")
        return wells.compactMap { $0["path"]?.stringValue }
    }

    func array(_ path: String) throws -> ZarrArrayReader {
        try ZarrArrayReader.open(store: store, path: path)
    }
}
