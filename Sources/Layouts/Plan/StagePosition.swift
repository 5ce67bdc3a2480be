/// Where the instrument's stage put a field, in micrometres in the stage's own coordinates, as the
/// instrument records it (no axis is flipped or shifted).
public struct StagePosition: Hashable, Sendable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}
