import Foundation
import SampleExports

/// Runs blocking work (generating exports, reading whole trees) on a thread of its own. The cooperative pool
/// has one thread per core (two here): a long synchronous call on it starves every other test's polling, and
/// their CLI calls then time out although the daemons are fine.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.stackSize = 8 << 20
        thread.start()
    }
}

/// `TreeSnapshot(of:)` off the cooperative pool.
func snapshot(_ path: String) async -> TreeSnapshot {
    // The body cannot throw, so neither can the call.
    (try? await offPool { TreeSnapshot(of: path) }) ?? TreeSnapshot(of: path)
}

/// `SampleExportGenerator.generate` off the cooperative pool.
@discardableResult
func generateExport(_ spec: ExportSpec, into root: String) async throws -> GeneratedExport {
    try await offPool { try SampleExportGenerator.generate(spec, into: root) }
}

extension PlateStore {
    /// `canonicalContents` off the cooperative pool.
    static func contents(of root: String) async -> [String: [UInt8]] {
        (try? await offPool { PlateStore(root: root).canonicalContents }) ?? [:]
    }
}
