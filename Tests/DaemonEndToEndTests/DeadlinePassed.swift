/// A wait that gave up: what was awaited, and what the daemon logged meanwhile, to see why.
struct DeadlinePassed: Error, CustomStringConvertible {
    let what: String
    let log: String

    var description: String { "gave up waiting for \(what)\n--- daemon log\n\(log)" }
}
