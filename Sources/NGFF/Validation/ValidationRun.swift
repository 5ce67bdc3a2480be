import Zarr

/// One validation pass over a plate: the state shared by the plate, well, image and array checks.
struct ValidationRun {
    let documents: NodeDocuments
    private(set) var issues: [ValidationIssue] = []
    private(set) var version: NGFFVersion?
    var wellsChecked = 0
    var fieldsChecked = 0
    /// The first field seen: every other field must match it (P9).
    var referenceField: FieldSignature?
    /// The first well's field paths: every other well must use the same (P8).
    var referenceFieldPaths: (well: String, paths: [String])?
    /// Row groups already checked.
    var rowsChecked: Set<String> = []
    /// Declared acquisition ids of the plate.
    var acquisitionIDs: Set<Int64> = []

    /// What a field looks like, for the plate-wide consistency checks.
    struct FieldSignature {
        let path: String
        let axes: [String]
        let levelPaths: [String]
        let dataType: ZarrDataType?
        let shapes: [[Int]]
    }

    init(root: String) {
        documents = NodeDocuments(root: root)
    }

    /// Row, column, well and field names: "MUST contain only alphanumeric characters" (schema `^[A-Za-z0-9]+$`).
    static func isAlphanumericName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }

    mutating func error(_ code: String, _ path: String, _ message: String) {
        issues.append(ValidationIssue(.error, code, path: path, message))
    }

    mutating func warning(_ code: String, _ path: String, _ message: String) {
        issues.append(ValidationIssue(.warning, code, path: path, message))
    }

    mutating func setVersion(_ version: NGFFVersion) { self.version = version }

    /// The OME attributes of the group at `path`: `.zattrs` in 0.4; `attributes.ome` in 0.5, whose
    /// `ome.version` must be "0.5" throughout the hierarchy (P6). Nil (with an issue) when absent or broken.
    mutating func omeAttributes(of path: String, role: String, required key: String) -> JSONObject? {
        guard let version else { return nil }
        switch version {
        case .v04:
            guard groupExists(path, role: role) else { return nil }
            switch documents.read(NodeDocuments.join(path, ".zattrs")) {
            case .absent:
                error("\(role)-metadata-missing", path, "\(role) group has no .zattrs, so no \"\(key)\" metadata")
                return nil
            case let .unreadable(reason):
                error("invalid-json", path, ".zattrs is not valid JSON: \(reason)")
                return nil
            case let .document(document):
                guard let object = document.objectValue else {
                    error("invalid-json", path, ".zattrs must be a JSON object, found \(document.typeName)")
                    return nil
                }
                guard object[key] != nil else {
                    error("\(role)-metadata-missing", path, ".zattrs has no \"\(key)\" key")
                    return nil
                }
                return object
            }
        case .v05:
            guard let attributes = v3GroupAttributes(path, role: role) else { return nil }
            guard let ome = attributes["ome"]?.objectValue else {
                if attributes[key] != nil {
                    error("ome-namespace", path, "\"\(key)\" sits directly in attributes; NGFF 0.5 keeps OME metadata "
                          + "under attributes.ome (readers then treat the plate as 0.4 or reject it)")
                } else {
                    error("\(role)-metadata-missing", path, "zarr.json has no attributes.ome")
                }
                return nil
            }
            let declared = ome["version"]?.stringValue
            if declared != NGFFVersion.v05.rawValue {
                error("version-mismatch", path, "attributes.ome.version is \(declared.map { "\"\($0)\"" } ?? "missing"), "
                      + "expected \"0.5\" like the plate (the version must be consistent within a hierarchy)")
            }
            guard ome[key] != nil else {
                error("\(role)-metadata-missing", path, "attributes.ome has no \"\(key)\" key")
                return nil
            }
            return ome
        }
    }

    /// Whether a group node exists at `path` (v2 `.zgroup`, v3 `zarr.json` with node_type group).
    mutating func groupExists(_ path: String, role: String) -> Bool {
        switch version {
        case .v04:
            switch documents.read(NodeDocuments.join(path, ".zgroup")) {
            case .absent:
                let what = documents.directoryExists(path) || path.isEmpty ? "has no .zgroup" : "is absent"
                error("\(role)-missing", path, "\(role) group \(what)")
                return false
            case let .unreadable(reason):
                error("invalid-json", path, ".zgroup is not valid JSON: \(reason)")
                return false
            case let .document(document):
                if document["zarr_format"]?.intValue != 2 {
                    error("zarr-format", path, ".zgroup must declare zarr_format 2")
                }
                return true
            }
        case .v05:
            return v3GroupAttributes(path, role: role) != nil
        case nil:
            return false
        }
    }

    private mutating func v3GroupAttributes(_ path: String, role: String) -> JSONObject? {
        switch documents.read(NodeDocuments.join(path, "zarr.json")) {
        case .absent:
            let what = documents.directoryExists(path) || path.isEmpty
                ? "has no zarr.json (Zarr v3 has no implicit groups)" : "is absent"
            error("\(role)-missing", path, "\(role) group \(what)")
            return nil
        case let .unreadable(reason):
            error("invalid-json", path, "zarr.json is not valid JSON: \(reason)")
            return nil
        case let .document(document):
            if document["zarr_format"]?.intValue != 3 {
                error("zarr-format", path, "zarr.json must declare zarr_format 3")
            }
            if document["node_type"]?.stringValue != "group" {
                error("node-type", path, "zarr.json must have node_type \"group\", found "
                      + (document["node_type"]?.serialized() ?? "none"))
                return nil
            }
            return document["attributes"]?.objectValue ?? JSONObject()
        }
    }
}
