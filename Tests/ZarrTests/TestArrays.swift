import Zarr

/// Deterministic pseudo-random bytes (a 64-bit LCG), so failures reproduce.
func patternBytes(count: Int, seed: UInt64) -> [UInt8] {
    var state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return (0..<count).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return UInt8(truncatingIfNeeded: state >> 33)
    }
}

/// The box at `origin` of `shape` cut from a dense C-order block of `fullShape`, element by element
/// (deliberately naive: it is the reference the bulk copies are checked against).
func naiveSlice(_ data: [UInt8], fullShape: [Int], elementSize: Int, origin: [Int], shape: [Int]) -> [UInt8] {
    var strides = Array(repeating: 1, count: fullShape.count)
    for dimension in fullShape.indices.dropLast().reversed() {
        strides[dimension] = strides[dimension + 1] * fullShape[dimension + 1]
    }
    var result: [UInt8] = []
    let count = shape.reduce(1, *)
    for linear in 0..<count {
        var remainder = linear
        var offset = 0
        for dimension in shape.indices.reversed() {
            offset += (origin[dimension] + remainder % shape[dimension]) * strides[dimension]
            remainder /= shape[dimension]
        }
        result.append(contentsOf: data[(offset * elementSize)..<((offset + 1) * elementSize)])
    }
    return result
}

extension ZarrArrayWriter {
    /// Writes `data` (the whole region) through `writeRegion`.
    func write(origin: [Int], shape: [Int], _ data: [UInt8]) throws {
        try data.withUnsafeBytes { try writeRegion(origin: origin, shape: shape, data: $0) }
    }
}
