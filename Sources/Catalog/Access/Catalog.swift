import Foundation
import GRDB

/// The daemon's read-write catalogue: SQLite in WAL mode (readers never block the one writer),
/// `synchronous=FULL` so every commit survives power loss (daemon.md §3), schema migrated at open.
public final class Catalog: Sendable {
    public let path: String
    let pool: DatabasePool

    /// Opens (creating when absent) the catalogue at `path`, checks its integrity and migrates its schema.
    public init(path: String) throws(CatalogError) {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory.isEmpty ? "." : directory,
                                                    withIntermediateDirectories: true)
        } catch {
            throw .cannotOpen(path: path, detail: error.localizedDescription)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw .cannotOpen(path: path, detail: "\(error)")
        }
        let problems: [String]
        do {
            problems = try pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        } catch {
            throw .corrupt(path: path, detail: "\(error)")
        }
        guard problems == ["ok"] else {
            throw .corrupt(path: path, detail: problems.prefix(3).joined(separator: "; "))
        }
        do {
            try CatalogSchema.migrator.migrate(pool)
        } catch {
            throw .database(path: path, detail: "schema migration failed: \(error)")
        }
    }

    /// Runs `body` in one IMMEDIATE write transaction.
    public func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws(CatalogError) -> T {
        do {
            return try pool.write(body)
        } catch {
            throw .database(path: path, detail: "\(error)")
        }
    }

    /// Runs `body` on a read-only snapshot.
    public func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws(CatalogError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw .database(path: path, detail: "\(error)")
        }
    }
}
