internal import CZstd

/// Encodes chunks through a `CodecChain`, keeping scratch state (a zstd context, byte-swap and
/// compression buffers) alive across the chunks of one call.
struct ChunkEncoder: ~Copyable {
    let chain: CodecChain
    private let zstdContext: OpaquePointer?
    private var swapBuffer: [UInt8] = []
    private var compressionBuffer: [UInt8] = []

    init(chain: CodecChain, path: String) throws(ZarrError) {
        self.chain = chain
        if case .zstd = chain.compressor {
            guard let context = ZSTD_createCCtx() else {
                throw ZarrError(path: path, .codecFailure(codec: "zstd", detail: "ZSTD_createCCtx failed (out of memory)"))
            }
            zstdContext = context
        } else {
            zstdContext = nil
        }
    }

    deinit {
        if let zstdContext { ZSTD_freeCCtx(zstdContext) }
    }

    /// Appends the encoded form of `chunk` (a full chunk of host-order elements) to `output`.
    mutating func encode(_ chunk: UnsafeRawBufferPointer, appendingTo output: inout [UInt8], path: String) throws(ZarrError) {
        let start = output.count
        if chain.bytes.needsSwap {
            swapBuffer.removeAll(keepingCapacity: true)
            swapBuffer.append(contentsOf: chunk)
            swapBuffer.withUnsafeMutableBytes { chain.bytes.swapBytes($0) }
            try swapBuffer.withBytes { swapped throws(ZarrError) in
                try compress(swapped, appendingTo: &output, path: path)
            }
        } else {
            try compress(chunk, appendingTo: &output, path: path)
        }
        if chain.checksum {
            CRC32CCodec.appendChecksum(to: &output, coveringFrom: start)
        }
    }

    private mutating func compress(
        _ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8], path: String
    ) throws(ZarrError) {
        let written: Int
        switch chain.compressor {
        case .none:
            output.append(contentsOf: input)
            return
        case let .blosc(name, clevel, shuffle):
            let codec = BloscCodec(compressor: name, clevel: clevel, shuffle: shuffle, typesize: chain.dataType.byteSize)
            written = try withCompressionBuffer(capacity: BloscCodec.maximumCompressedSize(input.count)) {
                buffer throws(ZarrError) in try codec.compress(input, into: buffer, path: path)
            }
        case let .zstd(level, checksum):
            let codec = ZstdCodec(level: level, checksum: checksum)
            let context = zstdContext!
            written = try withCompressionBuffer(capacity: ZstdCodec.maximumCompressedSize(input.count)) {
                buffer throws(ZarrError) in try codec.compress(input, into: buffer, context: context, path: path)
            }
        }
        // Compressing into a reused buffer and appending its prefix avoids zero-filling `output`.
        compressionBuffer.withUnsafeBytes { output.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[..<written])) }
    }

    /// Runs `body` on the reused compression buffer, grown to at least `capacity` bytes.
    private mutating func withCompressionBuffer(
        capacity: Int, _ body: (UnsafeMutableRawBufferPointer) throws(ZarrError) -> Int
    ) throws(ZarrError) -> Int {
        if compressionBuffer.count < capacity {
            compressionBuffer = [UInt8](repeating: 0, count: capacity)
        }
        let outcome: Result<Int, ZarrError> = compressionBuffer.withUnsafeMutableBytes { buffer in
            do throws(ZarrError) {
                return .success(try body(buffer))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }
}
