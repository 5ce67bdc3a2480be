/// The pixels of one shard at every pyramid level, channel after channel: level 0 receives the planes
/// read, each other level the one above halved. Allocated once per run and recycled from shard to shard.
///
/// `@unchecked Sendable`: one stage at a time owns a shard's buffers; the channels between stages hand
/// them over.
final class ShardBuffers: @unchecked Sendable {
    let levels: [UnsafeMutableRawBufferPointer]

    init(levelByteCounts: [Int]) {
        levels = levelByteCounts.map { UnsafeMutableRawBufferPointer.allocate(byteCount: $0, alignment: 64) }
    }

    deinit {
        levels.forEach { $0.deallocate() }
    }
}
