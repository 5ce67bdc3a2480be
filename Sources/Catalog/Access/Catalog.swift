import Foundation
import GRDB

/// The daemon's read-write catalogue: SQLite in WAL mode (readers never block the one writer),
/// `synchronous=FULL` so every commit survives power loss (docs/operations.md §3), schema migrated at open.
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
        // Created 0660 before SQLite opens it: SQLite gives -wal/-shm the database file's mode, so CLI users
        // in the daemon's group can read while the daemon runs or not (docs/operations.md §3).
        if !FileManager.default.fileExists(atPath: path) {
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o660)
            if descriptor >= 0 { close(descriptor) }
        }
        // Checked through a read-only connection first: a damaged file is refused as it is, not written to.
        try Self.checkIntegrity(path: path)
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
        let superseded: Bool
        do {
            superseded = try pool.read { db in try CatalogSchema.migrator.hasBeenSuperseded(db) }
        } catch {
            throw .database(path: path, detail: "reading the schema version failed: \(error)")
        }
        guard !superseded else {
            throw .database(path: path, detail: "the catalogue was written by a newer PlateDrop (its schema has migrations "
                            + "this version does not know); run the newer version or restore an older catalogue")
        }
        do {
            try CatalogSchema.migrator.migrate(pool)
        } catch {
            throw .database(path: path, detail: "schema migration failed: \(error)")
        }
    }

    private static func checkIntegrity(path: String) throws(CatalogError) {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size > 0 else { return }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        let problems: [String]
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            problems = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        } catch {
            throw .corrupt(path: path, detail: "\(error)")
        }
        guard problems == ["ok"] else {
            throw .corrupt(path: path, detail: problems.prefix(3).joined(separator: "; "))
        }
    }

    /// Runs `body` in one IMMEDIATE write transaction; a refused transition rolls it back.
    public func write<T>(_ body: (CatalogTransaction) throws -> T) throws(CatalogError) -> T {
        do {
            return try pool.write { db in try body(CatalogTransaction(db: db)) }
        } catch {
            throw CatalogError(error, path: path)
        }
    }

    /// Runs `body` on a read-only snapshot.
    public func read<T>(_ body: (CatalogTransaction) throws -> T) throws(CatalogError) -> T {
        do {
            return try pool.read { db in try body(CatalogTransaction(db: db)) }
        } catch {
            throw CatalogError(error, path: path)
        }
    }
}
