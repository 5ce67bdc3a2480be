import Testing

/// The height and width of a test plane, shown as "3×5" (height × width) in test names.
struct PlaneSize: Sendable, CustomTestStringConvertible {
    let height: Int
    let width: Int

    var count: Int { height * width }
    var testDescription: String { "\(height)×\(width)" }
}
