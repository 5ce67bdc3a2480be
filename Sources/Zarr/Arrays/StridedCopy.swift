/// Bulk copies of N-d boxes between dense C-order buffers.
///
/// Trailing dimensions that are whole in both buffers are merged into one run, so a box is moved
/// with as few `copyMemory` calls as possible and never element by element.
enum StridedCopy {
    /// Copies the box of `extent` elements at `sourceOrigin` in `source` (a dense block of
    /// `sourceShape`) to `destinationOrigin` in `destination` (a dense block of `destinationShape`).
    static func copy(
        extent: [Int], elementSize: Int,
        from source: UnsafeRawPointer, shape sourceShape: [Int], origin sourceOrigin: [Int],
        to destination: UnsafeMutableRawPointer, shape destinationShape: [Int], origin destinationOrigin: [Int]
    ) {
        guard !extent.contains(where: { $0 <= 0 }) else { return }
        let rank = extent.count
        let sourceStrides = strides(sourceShape)
        let destinationStrides = strides(destinationShape)

        // Dimensions split..<rank form one contiguous run in both buffers.
        var split = rank - 1
        var runElements = extent[split]
        while split > 0, extent[split] == sourceShape[split], extent[split] == destinationShape[split] {
            split -= 1
            runElements *= extent[split]
        }
        let runBytes = runElements * elementSize

        var sourceOffset = zip(sourceOrigin, sourceStrides).reduce(0) { $0 + $1.0 * $1.1 }
        var destinationOffset = zip(destinationOrigin, destinationStrides).reduce(0) { $0 + $1.0 * $1.1 }
        var index = Array(repeating: 0, count: split)
        while true {
            (destination + destinationOffset * elementSize)
                .copyMemory(from: source + sourceOffset * elementSize, byteCount: runBytes)
            var dimension = split - 1
            while dimension >= 0 {
                index[dimension] += 1
                sourceOffset += sourceStrides[dimension]
                destinationOffset += destinationStrides[dimension]
                if index[dimension] < extent[dimension] { break }
                sourceOffset -= extent[dimension] * sourceStrides[dimension]
                destinationOffset -= extent[dimension] * destinationStrides[dimension]
                index[dimension] = 0
                dimension -= 1
            }
            if dimension < 0 { return }
        }
    }

    /// The byte offset of the box in a dense block of `shape` if the box is one contiguous run there.
    static func contiguousByteOffset(extent: [Int], origin: [Int], shape: [Int], elementSize: Int) -> Int? {
        // Contiguous iff, past the first dimension with extent > 1, every dimension is whole.
        guard let first = extent.firstIndex(where: { $0 != 1 }) else {
            return elementOffset(origin, shape) * elementSize
        }
        for dimension in (first + 1)..<extent.count where extent[dimension] != shape[dimension] {
            return nil
        }
        return elementOffset(origin, shape) * elementSize
    }

    /// Fills `buffer` with repeated copies of `element`.
    static func fill(_ buffer: UnsafeMutableRawBufferPointer, with element: [UInt8]) {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
        if element.allSatisfy({ $0 == 0 }) {
            base.initializeMemory(as: UInt8.self, repeating: 0, count: buffer.count)
            return
        }
        let seed = min(element.count, buffer.count)
        element.withUnsafeBytes { base.copyMemory(from: $0.baseAddress!, byteCount: seed) }
        // Doubling copies keep the number of calls logarithmic in the buffer size.
        var filled = seed
        while filled < buffer.count {
            let step = min(filled, buffer.count - filled)
            (base + filled).copyMemory(from: base, byteCount: step)
            filled += step
        }
    }

    /// Element strides of a dense C-order block of `shape`.
    static func strides(_ shape: [Int]) -> [Int] {
        var strides = Array(repeating: 1, count: shape.count)
        var stride = 1
        for dimension in shape.indices.reversed() {
            strides[dimension] = stride
            stride *= shape[dimension]
        }
        return strides
    }

    private static func elementOffset(_ origin: [Int], _ shape: [Int]) -> Int {
        zip(origin, strides(shape)).reduce(0) { $0 + $1.0 * $1.1 }
    }
}
