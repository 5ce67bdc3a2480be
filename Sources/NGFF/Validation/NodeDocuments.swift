import Foundation
import Zarr

/// Reads the metadata documents of one store for the validator, tolerating anything malformed.
struct NodeDocuments {
    let root: String

    enum Read {
        case absent
        case unreadable(String)
        case document(JSONValue)
    }

    /// The parsed JSON document at `key` (relative to the plate root).
    func read(_ key: String) -> Read {
        let path = key.isEmpty ? root : root + "/" + key
        guard let data = FileManager.default.contents(atPath: path) else { return .absent }
        do {
            return .document(try JSONValue(parsing: [UInt8](data), source: path))
        } catch {
            return .unreadable("\(error)")
        }
    }

    /// Whether a directory exists at `key`.
    func directoryExists(_ key: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: root + "/" + key, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Subdirectory names of `key`, sorted.
    func subdirectories(_ key: String) -> [String] {
        let path = key.isEmpty ? root : root + "/" + key
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { !$0.hasPrefix(".") && directoryExists(key.isEmpty ? $0 : key + "/" + $0) }.sorted()
    }

    /// The metadata file name of a node: `zarr.json` in v3, `.zattrs` in v2.
    static func join(_ parent: String, _ child: String) -> String { parent.isEmpty ? child : parent + "/" + child }
}
