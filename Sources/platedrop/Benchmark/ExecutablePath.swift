import Foundation

/// The running `platedrop` binary, so benchmarks and the demo measure the same build as separate processes.
enum ExecutablePath {
    static var current: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
