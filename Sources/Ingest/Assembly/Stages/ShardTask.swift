/// The planes one shard holds: one field, timepoint and z-plane of a well, for a block of channels. The
/// unit that passes through the pipeline's stages (`ShardPipeline`).
struct ShardTask: Sendable {
    let wellIndex: Int
    let field: Int
    let timepoint: Int
    let zPlane: Int
    let firstChannel: Int
    /// By channel from `firstChannel`; nil where the well has no such plane.
    let planes: [PlaneSource?]

    /// A well's planes grouped by shard, in field, timepoint, z and channel order.
    static func tasks(wellIndex: Int, planes: [PlaneSource], channelsPerShard: Int, channelCount: Int) -> [ShardTask] {
        let grouped = Dictionary(grouping: planes) {
            [$0.field, $0.timepoint, $0.zPlane, $0.channel / channelsPerShard]
        }
        return grouped.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { key in
            let firstChannel = key[3] * channelsPerShard
            var slots = [PlaneSource?](repeating: nil, count: min(channelsPerShard, channelCount - firstChannel))
            for plane in grouped[key]! { slots[plane.channel - firstChannel] = plane }
            return ShardTask(wellIndex: wellIndex, field: key[0], timepoint: key[1], zPlane: key[2],
                             firstChannel: firstChannel, planes: slots)
        }
    }
}
