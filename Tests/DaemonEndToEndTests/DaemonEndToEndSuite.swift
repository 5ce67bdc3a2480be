import Testing

/// Every daemon test, one at a time: each starts real `platedrop serve` processes, and on two shared cores
/// parallel daemons would turn quiet periods and deadlines into a lottery.
@Suite("platedrop serve, end to end", .serialized)
struct DaemonEndToEndSuite {}
