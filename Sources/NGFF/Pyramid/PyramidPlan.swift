/// The resolution levels of a field: each level halves y and x (rounding up) of the one before.
public struct PyramidPlan: Sendable, Hashable {
    /// Height and width of one level.
    public struct LevelSize: Sendable, Hashable {
        public let height: Int
        public let width: Int
    }

    public let levels: [LevelSize]

    /// Levels from `height` × `width` down to the first whose larger side is at most `smallestLargerSide`,
    /// capped at `maximumLevels` when given.
    public init(height: Int, width: Int, smallestLargerSide: Int = 256, maximumLevels: Int? = nil) {
        var levels = [LevelSize(height: height, width: width)]
        while let last = levels.last, max(last.height, last.width) > smallestLargerSide,
              levels.count < (maximumLevels ?? Int.max), max(last.height, last.width) > 1 {
            levels.append(LevelSize(height: (last.height + 1) / 2, width: (last.width + 1) / 2))
        }
        self.levels = levels
    }

    /// Level array names "0", "1", …: readers such as iohub hard-code "0" (docs/ngff-choices.md P10).
    public static func levelPath(_ level: Int) -> String { String(level) }

    /// The downsampling factor of `level` relative to level 0.
    public static func factor(_ level: Int) -> Double { Double(1 << level) }
}
