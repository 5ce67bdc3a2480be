internal import CZstd

/// Encodes chunks through a `CodecChain`, keeping per-writer scratch state (a zstd context,
/// a byte-swap buffer) alive across the chunks of one call.
struct ChunkEncoder: ~Copyable {
    let chain: CodecChain
    private let zstdContext: OpaquePointer?
    private var swapBuffer: [UInt8] = []

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

    private func compress(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8], path: String) throws(ZarrError) {
        switch chain.compressor {
        case .none:
            output.append(contentsOf: input)
        case let .blosc(name, clevel, shuffle):
            try BloscCodec(compressor: name, clevel: clevel, shuffle: shuffle, typesize: chain.dataType.byteSize)
                .compress(input, appendingTo: &output, path: path)
        case let .zstd(level, checksum):
            try ZstdCodec(level: level, checksum: checksum)
                .compress(input, appendingTo: &output, context: zstdContext!, path: path)
        }
    }
}
