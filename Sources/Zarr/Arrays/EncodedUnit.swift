/// The buffer one chunk or shard is encoded into, passed by reference: a thread that hands a full one to
/// a `QueuedStoreWriter` takes an empty one back and goes on encoding while the full one is written.
final class EncodedUnit {
    var bytes = ReusableBytes()
}
