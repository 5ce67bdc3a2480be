import Zarr

/// The metadata of one field image group: a single multiscale pyramid plus its channel rendering.
public struct ImageMetadata: Sendable, Hashable {
    /// One resolution level: its array path and its scale (and optional translation) per axis.
    public struct Dataset: Sendable, Hashable {
        public var path: String
        public var scale: [Double]
        public var translation: [Double]?

        public init(path: String, scale: [Double], translation: [Double]? = nil) {
            self.path = path
            self.scale = scale
            self.translation = translation
        }
    }

    public var name: String
    public var axes: [Axis]
    /// Largest first, as the spec orders them.
    public var datasets: [Dataset]
    /// How the levels were made (`multiscales[].type`).
    public var downscalingType: String
    /// Free-form details of the downscaling (`multiscales[].metadata`).
    public var downscalingDetails: JSONObject
    public var channels: [OmeroChannel]

    public init(name: String, axes: [Axis], datasets: [Dataset], downscalingType: String,
                downscalingDetails: JSONObject, channels: [OmeroChannel]) {
        self.name = name
        self.axes = axes
        self.datasets = datasets
        self.downscalingType = downscalingType
        self.downscalingDetails = downscalingDetails
        self.channels = channels
    }

    /// The image group's attributes for `version`.
    public func attributes(version: NGFFVersion) -> JSONValue {
        var multiscale: JSONObject = [
            "name": .string(name),
            "axes": .array(axes.map(\.json)),
            "datasets": .array(datasets.map { dataset in
                var transformations: [JSONValue] = [["type": "scale", "scale": .array(dataset.scale.map(JSONValue.double))]]
                if let translation = dataset.translation {
                    transformations.append(["type": "translation", "translation": .array(translation.map(JSONValue.double))])
                }
                return ["path": .string(dataset.path), "coordinateTransformations": .array(transformations)]
            }),
            // `type` and `metadata` are SHOULD in the text and required by the strict schema (P11).
            "type": .string(downscalingType),
            "metadata": .object(downscalingDetails),
        ]
        if version == .v04 { multiscale["version"] = .string(version.rawValue) }
        let omero: JSONObject = [
            "channels": .array(channels.map(\.json)),
            // iohub rejects rdefs without defaultT/defaultZ (P12).
            "rdefs": ["defaultT": 0, "defaultZ": 0, "model": "color"],
        ]
        return version.groupAttributes(["multiscales": [.object(multiscale)], "omero": .object(omero)])
    }
}
