import Foundation
import GRDB

/// Read-only access for the CLI, whether the daemon runs or not. Opens `mode=ro` so it never creates a
/// catalogue or takes the write lock; SQLite retries briefly while the daemon checkpoints.
public struct CatalogReader: Sendable {
    public let path: String
    private let queue: DatabaseQueue

    public init(path: String) throws(CatalogError) {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            throw .cannotOpen(path: path, detail: "no catalogue here; is the daemon configured to use this path?")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(3)
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw .cannotOpen(path: path, detail: "\(error)")
        }
    }

    /// Runs `body` in one short read transaction (long ones would starve the daemon's checkpoints).
    public func read<T>(_ body: (CatalogTransaction) throws -> T) throws(CatalogError) -> T {
        do {
            return try queue.read { db in try body(CatalogTransaction(db: db)) }
        } catch {
            throw CatalogError(error, path: path)
        }
    }

    /// Runs `body` in one write transaction: for the few CLI commands that ask the daemon to act
    /// (`retry`), which the daemon picks up on its next planning pass.
    public static func write<T>(path: String, _ body: (CatalogTransaction) throws -> T) throws(CatalogError) -> T {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            return try queue.write { db in try body(CatalogTransaction(db: db)) }
        } catch {
            throw CatalogError(error, path: path)
        }
    }
}
