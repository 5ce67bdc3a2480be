import Zarr

/// One channel of the transitional `omero` rendering block.
public struct OmeroChannel: Sendable, Hashable {
    /// Display window: `min`/`max` bound the data type, `start`/`end` the initial contrast.
    public struct Window: Sendable, Hashable {
        public var min: Double
        public var max: Double
        public var start: Double
        public var end: Double

        public init(min: Double, max: Double, start: Double, end: Double) {
            self.min = min
            self.max = max
            self.start = start
            self.end = end
        }
    }

    public var label: String
    /// Six hex digits `RRGGBB`, no `#` (docs/ngff-choices.md P12).
    public var color: String
    public var window: Window
    public var active: Bool

    public init(label: String, color: String, window: Window, active: Bool = true) {
        self.label = label
        self.color = color
        self.window = window
        self.active = active
    }

    var json: JSONValue {
        [
            "label": .string(label), "color": .string(color), "active": .bool(active),
            "window": [
                "min": .double(window.min), "max": .double(window.max),
                "start": .double(window.start), "end": .double(window.end),
            ],
        ]
    }
}
