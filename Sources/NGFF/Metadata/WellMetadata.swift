import Zarr

/// The `well` block of a well group: its field images and their acquisitions.
public struct WellMetadata: Sendable, Hashable {
    /// One field image of the well.
    public struct Image: Sendable, Hashable {
        public var path: String
        public var acquisition: Int

        public init(path: String, acquisition: Int) {
            self.path = path
            self.acquisition = acquisition
        }
    }

    public var images: [Image]

    public init(images: [Image]) {
        self.images = images
    }

    /// The well group's attributes for `version`.
    public func attributes(version: NGFFVersion) -> JSONValue {
        var well: JSONObject = [
            "images": .array(images.map { ["path": .string($0.path), "acquisition": JSONValue($0.acquisition)] }),
        ]
        // 0.4 carries the version inside `well`; 0.5 only at `ome.version` (docs/ngff-choices.md §2).
        if version == .v04 { well["version"] = .string(version.rawValue) }
        return version.groupAttributes(["well": .object(well)])
    }
}
