/// Where a shard file keeps its index of inner chunks (§5.4).
public enum ShardIndexLocation: String, Sendable, Hashable {
    case start
    case end
}
