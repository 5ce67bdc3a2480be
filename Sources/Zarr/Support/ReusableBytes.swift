/// A growable byte buffer that keeps its memory when emptied.
///
/// The write path encodes every plane of a worker through the same few buffers: fresh arrays per
/// plane cost a zero fill, page faults and, as they grow, copies, all of it on the hot path.
struct ReusableBytes: ~Copyable {
    private var base: UnsafeMutableRawPointer?
    private var capacity = 0
    private(set) var count = 0

    deinit {
        base?.deallocate()
    }

    /// The bytes held.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// The bytes held, zero-padded to a whole number of direct-I/O blocks.
    mutating func alignedPayload() -> AlignedPayload {
        let paddedCount = (count + DirectIO.alignment - 1) / DirectIO.alignment * DirectIO.alignment
        reserve(paddedCount)
        if paddedCount > count {
            (base! + count).initializeMemory(as: UInt8.self, repeating: 0, count: paddedCount - count)
        }
        return AlignedPayload(bytes: bytes, padded: UnsafeRawBufferPointer(start: base, count: paddedCount))
    }

    /// Forgets the contents, keeping the memory.
    mutating func removeAll() {
        count = 0
    }

    /// Sets the length to `newCount`; bytes past the old length are uninitialised, so the caller
    /// overwrites them before reading.
    mutating func resize(to newCount: Int) -> UnsafeMutableRawBufferPointer {
        reserve(newCount)
        count = newCount
        return UnsafeMutableRawBufferPointer(start: base, count: count)
    }

    /// Appends a copy of `source`.
    mutating func append(_ source: UnsafeRawBufferPointer) {
        reserve(count + source.count)
        if let from = source.baseAddress {
            (base! + count).copyMemory(from: from, byteCount: source.count)
        }
        count += source.count
    }

    /// Appends `byteCount` zero bytes.
    mutating func appendZeros(_ byteCount: Int) {
        reserve(count + byteCount)
        (base! + count).initializeMemory(as: UInt8.self, repeating: 0, count: byteCount)
        count += byteCount
    }

    /// Lets `body` write at most `maximum` bytes after the end, in place, and keeps the number it returns.
    mutating func appendInPlace(
        maximum: Int, _ body: (UnsafeMutableRawBufferPointer) throws(ZarrError) -> Int
    ) throws(ZarrError) {
        reserve(count + maximum)
        let written = try body(UnsafeMutableRawBufferPointer(start: base! + count, count: maximum))
        precondition(written >= 0 && written <= maximum, "an in-place append reported \(written) of \(maximum) bytes")
        count += written
    }

    /// Overwrites bytes from `offset` (inside the contents) with `source`.
    mutating func replace(at offset: Int, with source: UnsafeRawBufferPointer) {
        precondition(offset >= 0 && offset + source.count <= count, "replacing bytes outside the buffer")
        if let from = source.baseAddress {
            (base! + offset).copyMemory(from: from, byteCount: source.count)
        }
    }

    private mutating func reserve(_ minimumCapacity: Int) {
        guard minimumCapacity > capacity else { return }
        let newCapacity = max(minimumCapacity, capacity * 2, 64)
        let grown = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: DirectIO.alignment)
        if let base {
            grown.copyMemory(from: base, byteCount: count)
            base.deallocate()
        }
        base = grown
        capacity = newCapacity
    }
}
