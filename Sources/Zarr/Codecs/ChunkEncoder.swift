/// Encodes chunks through a `CodecChain`, appending each to the workspace's `encoded` buffer.
struct ChunkEncoder {
    let chain: CodecChain
    let workspace: ZarrWriteWorkspace

    /// Appends the encoded form of `chunk` (a full chunk of host-order elements) to `workspace.encoded`.
    func encode(_ chunk: UnsafeRawBufferPointer, path: String) throws(ZarrError) {
        let start = workspace.encoded.count
        if chain.bytes.needsSwap {
            let swapped = workspace.swapped.resize(to: chunk.count)
            swapped.copyMemory(from: chunk)
            chain.bytes.swapBytes(swapped)
            try compress(workspace.swapped.bytes, path: path)
        } else {
            try compress(chunk, path: path)
        }
        if chain.checksum {
            let crc = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: workspace.encoded.bytes[start...]))
            withUnsafeBytes(of: crc.littleEndian) { workspace.encoded.append($0) }
        }
    }

    /// Compresses straight into the end of the encoded buffer, so no frame is copied after it is made.
    private func compress(_ input: UnsafeRawBufferPointer, path: String) throws(ZarrError) {
        guard let codec = chain.compressor.codec else {
            workspace.encoded.append(input)
            return
        }
        let elementSize = chain.dataType.byteSize
        try workspace.encoded.appendInPlace(maximum: codec.maximumEncodedSize(input.count)) { buffer throws(ZarrError) in
            try codec.encode(input, into: buffer, elementSize: elementSize, workspace: workspace, path: path)
        }
    }
}
