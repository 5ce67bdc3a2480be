/// Presents each chunk of a caller's region as one dense, full-size chunk buffer.
///
/// A chunk that is a single contiguous run of the region is handed out in place; any other chunk
/// is gathered into the workspace's reused buffer with bulk row copies, padded with the fill value
/// where it overhangs the array edge.
struct RegionStaging {
    private let chunkShape: [Int]
    private let arrayShape: [Int]
    private let elementSize: Int
    private let fillElement: [UInt8]
    private let regionOrigin: [Int]
    private let regionShape: [Int]
    private let data: UnsafeRawBufferPointer
    private var workspace: ZarrWriteWorkspace

    init(
        metadata: ArrayMetadata, fillElement: [UInt8], regionOrigin: [Int], regionShape: [Int], data: UnsafeRawBufferPointer,
        workspace: ZarrWriteWorkspace
    ) {
        chunkShape = metadata.codecChunkShape
        arrayShape = metadata.shape
        elementSize = metadata.dataType.byteSize
        self.fillElement = fillElement
        self.regionOrigin = regionOrigin
        self.regionShape = regionShape
        self.data = data
        self.workspace = workspace
    }

    /// The same region, gathering chunks in `workspace`, for another thread.
    func gathering(in workspace: ZarrWriteWorkspace) -> RegionStaging {
        var staging = self
        staging.workspace = workspace
        return staging
    }

    /// Encodes the chunk whose first element is at `chunkOrigin` onto the end of `encoder`'s encoded buffer
    /// and returns where its bytes lie there.
    func encodeChunk(at chunkOrigin: [Int], with encoder: ChunkEncoder, path: String) throws(ZarrError) -> Range<Int> {
        let start = encoder.workspace.encoded.count
        try withChunk(at: chunkOrigin) { chunk throws(ZarrError) in try encoder.encode(chunk, path: path) }
        return start..<encoder.workspace.encoded.count
    }

    /// Calls `body` with the full chunk whose first element is at `chunkOrigin` (array coordinates).
    func withChunk(
        at chunkOrigin: [Int], _ body: (UnsafeRawBufferPointer) throws(ZarrError) -> Void
    ) throws(ZarrError) {
        let rank = chunkShape.count
        let valid = (0..<rank).map { min(chunkShape[$0], arrayShape[$0] - chunkOrigin[$0]) }
        let sourceOrigin = (0..<rank).map { chunkOrigin[$0] - regionOrigin[$0] }
        let chunkBytes = chunkShape.reduce(elementSize, *)
        let padded = valid != chunkShape
        if !padded, let offset = StridedCopy.contiguousByteOffset(
            extent: chunkShape, origin: sourceOrigin, shape: regionShape, elementSize: elementSize)
        {
            try body(UnsafeRawBufferPointer(rebasing: data[offset..<(offset + chunkBytes)]))
            return
        }
        // Every byte is written below: the fill covers the whole chunk whenever the copy does not.
        let buffer = workspace.gathered.resize(to: chunkBytes)
        if padded {
            StridedCopy.fill(buffer, with: fillElement)
        }
        StridedCopy.copy(
            extent: valid, elementSize: elementSize,
            from: data.baseAddress!, shape: regionShape, origin: sourceOrigin,
            to: buffer.baseAddress!, shape: chunkShape, origin: Array(repeating: 0, count: rank))
        try body(workspace.gathered.bytes)
    }
}
