/// A shard on its way through the pipeline's stages: its task, the buffers holding its pixels, and how it
/// went so far.
struct ShardInFlight: Sendable {
    let task: ShardTask
    let buffers: ShardBuffers
    /// How each plane read; all nil when its well had failed before the shard was read.
    var outcomes: [PlaneReader.Outcome?]
    /// Why the shard's well fails: a file that changed while it was read, or a write that failed.
    var failure: String?

    /// Whether the shard has pixels to halve and encode: some plane read, and nothing failed.
    var carriesPixels: Bool {
        failure == nil && outcomes.contains { if case .read = $0 { true } else { false } }
    }
}
