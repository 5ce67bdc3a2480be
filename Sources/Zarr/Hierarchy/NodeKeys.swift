/// Metadata file names and key joining shared by groups and arrays.
enum NodeKeys {
    static let v3Metadata = "zarr.json"
    static let v2Group = ".zgroup"
    static let v2Array = ".zarray"
    static let v2Attributes = ".zattrs"

    /// `path` + "/" + `name`, where an empty `path` is the store root.
    static func join(_ path: String, _ name: String) -> String {
        path.isEmpty ? name : path + "/" + name
    }
}
