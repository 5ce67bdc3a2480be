import Dispatch
import Synchronization

extension ZarrArrayWriter {
    /// Encodes `origins`, inner chunks of one shard (nil where wholly outside the array), on `lanes`
    /// threads that take them one at a time, each into a helper workspace of `encoder`'s; then appends
    /// them to `encoder.workspace.encoded` in their order, so the shard holds the bytes one thread would
    /// have written. Returns their index entries.
    func encodeSpread(
        _ origins: ArraySlice<[Int]?>, lanes: Int, staging: RegionStaging, encoder: ChunkEncoder, path: String
    ) throws(ZarrError) -> [(offset: UInt64, nbytes: UInt64)?] {
        struct Progress {
            var next = 0
            /// Where each chunk was encoded: its lane and the byte range in that lane's buffer.
            var pieces: [(lane: Int, bytes: Range<Int>)?]
            var failure: ZarrError?
        }
        let chunks = Array(origins)
        let chain = encoder.chain
        // Each lane uses only its own helper workspace, and the region's pixels are only read.
        nonisolated(unsafe) let helpers = encoder.workspace.helpers(lanes)
        nonisolated(unsafe) let staging = staging
        let progress = Mutex(Progress(pieces: Array(repeating: nil, count: chunks.count)))
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            let workspace = helpers[lane]
            let laneStaging = staging.gathering(in: workspace)
            let laneEncoder = ChunkEncoder(chain: chain, workspace: workspace)
            while true {
                let claimed = progress.withLock { state -> Int? in
                    guard state.failure == nil, state.next < chunks.count else { return nil }
                    defer { state.next += 1 }
                    return state.next
                }
                guard let index = claimed else { return }
                guard let chunkOrigin = chunks[index] else { continue }
                do throws(ZarrError) {
                    let bytes = try laneStaging.encodeChunk(at: chunkOrigin, with: laneEncoder, path: path)
                    progress.withLock { $0.pieces[index] = (lane, bytes) }
                } catch {
                    progress.withLock { $0.failure = $0.failure ?? error }
                    return
                }
            }
        }
        let done = progress.withLock { $0 }
        if let failure = done.failure { throw failure }
        let shard = encoder.workspace
        return done.pieces.map { piece in
            guard let piece else { return nil }
            let start = shard.encoded.count
            shard.encoded.append(UnsafeRawBufferPointer(rebasing: helpers[piece.lane].encoded.bytes[piece.bytes]))
            return (UInt64(start), UInt64(piece.bytes.count))
        }
    }
}
