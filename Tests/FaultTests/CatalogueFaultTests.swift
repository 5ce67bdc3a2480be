import Foundation
import GRDB
import PlateDropTestSupport
@testable import Catalog
import Testing

/// The catalogue: held by another daemon, unwritable, full, corrupted, or from another schema version.
@Suite("catalogue faults")
struct CatalogueFaultTests {
    // MARK: Start refused

    @Test func secondDaemonOnTheSameCatalogueIsRefusedAndTheFirstKeepsServing() async throws {
        let bench = try FaultBench(prefix: "second")
        let first = try bench.startDaemon()
        try await bench.waitUntilServing(first)
        let second = try bench.binary.startDaemon(["--config", bench.configPath], logPath: bench.work.path + "/second.log")
        let ending = await second.waitForExit(seconds: 30)
        #expect(ending.map { !$0.bySignal && $0.status != 0 } == true, "second daemon: \(ending.map { "\($0)" } ?? "still running")")
        #expect(second.log.contains("another platedrop daemon (pid \(first.pid))"), "message: \(second.log)")
        try bench.deliverHealthyPlate()
        try await bench.expectHealthyPlateWritten()
        bench.expectDaemonRunning(first)
        await bench.stopAll()
    }

    /// Three ways the catalogue cannot be written at start; each must stop the daemon at once, non-zero,
    /// with a message naming the file and the cause.
    enum Unwritable: String, CaseIterable, Sendable {
        case folderNotWritable, fileReadOnly, readOnlyMount
    }

    @Test(.enabled(if: runningAsRoot, "drops privileges, bind-mounts"), arguments: Unwritable.allCases)
    func unwritableCatalogueStopsTheStartWithAClearMessage(_ fault: Unwritable) async throws {
        let bench = try FaultBench(prefix: "catalogue-ro")
        try SystemFaults.giveToNobody(bench.work.path + "/out", bench.healthyOutput)
        var user = FaultBinary.User.nobody
        var mount: SystemFaults.ReadOnlyBind?
        defer { mount?.undo() }
        let state = bench.work.path + "/state"
        let cause: [String]
        switch fault {
        case .folderNotWritable:
            cause = ["Permission denied"]
        case .fileReadOnly:
            try await Self.makeCatalogue(bench)
            try SystemFaults.giveToNobody(state)
            // The database only: the lock beside it can still be taken.
            chmod(bench.catalog, 0o444)
            cause = ["readonly", "read-only", "Permission denied"]
        case .readOnlyMount:
            try await Self.makeCatalogue(bench)
            user = .current
            mount = try SystemFaults.ReadOnlyBind(state)
            cause = ["Read-only file system"]
        }
        let daemon = try bench.startDaemon(as: user)
        let ending = await daemon.waitForExit(seconds: 30)
        #expect(ending.map { !$0.bySignal && $0.status != 0 } == true, "\(fault): \(ending.map { "\($0)" } ?? "still running")\n\(daemon.log)")
        let log = daemon.log
        #expect(log.contains(bench.catalog), "\(fault): the message does not name the catalogue:\n\(log)")
        #expect(cause.contains { log.contains($0) }, "\(fault): the message does not say why (\(cause)):\n\(log)")
        #expect(!log.contains("serving"), "\(fault): claimed to serve without a writable catalogue:\n\(log)")
        await bench.stopAll()
    }

    /// A catalogue with one plate, left by a daemon that stopped cleanly.
    static func makeCatalogue(_ bench: FaultBench) async throws {
        try bench.deliverHealthyPlate("Before")
        let daemon = try bench.startDaemon()
        let finalized = try await bench.waitForPlate("Before")
        try #require(finalized, "setup: plate not finalized:\n\(daemon.log)")
        try #require(await daemon.stop()?.status == 0)
    }

    enum Corruption: String, CaseIterable, Sendable {
        /// The first page: SQLite's header.
        case header
        /// The root page of the `file` table.
        case fileTable
    }

    @Test(arguments: Corruption.allCases)
    func corruptedCatalogueIsRefusedWithAClearMessageAndLeftAsItWas(_ corruption: Corruption) async throws {
        let bench = try FaultBench(prefix: "corrupt")
        try await Self.makeCatalogue(bench)
        let page: Int
        switch corruption {
        case .header:
            page = 1
        case .fileTable:
            page = try Self.rootPage(of: "file", in: bench.catalog)
        }
        try #require(page > 0)
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: bench.catalog))
        var garbage = SeededRandom(seed: 7)
        try handle.seek(toOffset: UInt64((page - 1) * 4096))
        try handle.write(contentsOf: Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &garbage) }))
        try handle.close()
        let corrupted = try Data(contentsOf: URL(fileURLWithPath: bench.catalog))

        let daemon = try bench.startDaemon()
        let ending = await daemon.waitForExit(seconds: 30)
        #expect(ending.map { !$0.bySignal && $0.status != 0 } == true, "\(corruption): \(ending.map { "\($0)" } ?? "still running")\n\(daemon.log)")
        let log = daemon.log
        #expect(log.contains(bench.catalog), "the message does not name the catalogue:\n\(log)")
        #expect(["integrity", "corrupt", "malformed", "not a database"].contains { log.contains($0) }, "\(corruption): unclear message:\n\(log)")
        #expect(["backup", "move it aside"].contains { log.contains($0) }, "\(corruption): the message does not say what to do:\n\(log)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: bench.catalog)) == corrupted, "the corrupted catalogue was modified")
        #expect(!FileManager.default.fileExists(atPath: bench.catalog + "-wal")
                || (try? Data(contentsOf: URL(fileURLWithPath: bench.catalog + "-wal")).isEmpty) == true,
                "the daemon wrote into the corrupted catalogue's WAL")
        await bench.stopAll()
    }

    // MARK: Schema versions

    /// Every migration the daemon knows, in order.
    static var knownMigrations: [String] { CatalogSchema.migrator.migrations }

    /// A catalogue as the first released schema left it: one made by the current daemon (so it holds a
    /// finalized plate), with everything later migrations added dropped and their records removed.
    static func downgradeToFirstVersion(_ path: String, scratch: String) throws {
        let fresh = try DatabaseQueue(path: scratch + "/v1.sqlite")
        try CatalogSchema.migrator.migrate(fresh, upTo: CatalogSchema.firstVersion)
        let (firstObjects, firstColumns) = try fresh.read { db in
            let objects = try Row.fetchAll(db, sql: "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
                .map { (type: $0["type"] as String, name: $0["name"] as String, sql: $0["sql"] as String?) }
            let columns = try Dictionary(uniqueKeysWithValues: objects.filter { $0.type == "table" }.map { table in
                (table.name, Set(try db.columns(in: table.name).map(\.name)))
            })
            return (objects, columns)
        }
        try fresh.close()
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        try queue.write { db in
            let objects = try Row.fetchAll(db, sql: "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
            let present = Set(objects.map { ($0["type"] as String) + " " + ($0["name"] as String) })
            for object in objects {
                let type: String = object["type"], name: String = object["name"]
                guard !firstObjects.contains(where: { $0.type == type && $0.name == name }), name != "grdb_migrations" else { continue }
                try db.execute(sql: "DROP \(type.uppercased()) \"\(name)\"")
            }
            // Later migrations may also drop the first version's tables and add columns: undo both.
            for object in firstObjects where !present.contains(object.type + " " + object.name) {
                if let sql = object.sql { try db.execute(sql: sql) }
            }
            for (table, columns) in firstColumns {
                for column in try db.columns(in: table).map(\.name) where !columns.contains(column) {
                    try db.execute(sql: "ALTER TABLE \"\(table)\" DROP COLUMN \"\(column)\"")
                }
            }
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier != ?", arguments: [CatalogSchema.firstVersion])
        }
    }

    /// A catalogue of the first schema version (with a finalized plate in it) is migrated at start, keeps every
    /// row, and restarts never migrate again nor lose or redo anything. So is an empty SQLite database.
    @Test(arguments: [false, true])
    func olderCatalogueIsMigratedAndRestartsAreIdempotent(startsEmpty: Bool) async throws {
        let bench = try FaultBench(prefix: "schema")
        try #require(Self.knownMigrations.count >= 2, "only one schema version exists: \(Self.knownMigrations)")
        if startsEmpty { try DatabaseQueue(path: bench.catalog).close() }
        try await Self.makeCatalogue(bench)
        if !startsEmpty { try Self.downgradeToFirstVersion(bench.catalog, scratch: try bench.work.folder("scratch")) }
        let before = try Self.catalogueRows(bench.catalog)
        #expect(before.migrations == (startsEmpty ? Self.knownMigrations : [CatalogSchema.firstVersion]).sorted())
        for restart in 1...2 {
            let daemon = try bench.startDaemon()
            try await bench.waitUntilServing(daemon)
            try await Task.sleep(for: .seconds(2))
            #expect(await daemon.stop()?.status == 0)
            let after = try Self.catalogueRows(bench.catalog)
            #expect(after.migrations == Self.knownMigrations.sorted(), "restart \(restart): \(after.migrations)")
            #expect(after.rows == before.rows, "restart \(restart): plates/wells/files changed: \(before.rows) → \(after.rows)")
        }
        #expect(try Self.integrity(bench.catalog) == ["ok"])
        #expect(try await bench.plateState("Before") == "finalized")
    }

    static func integrity(_ path: String) throws -> [String] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
    }

    /// A catalogue a newer PlateDrop migrated (an unknown migration is recorded): running an older daemon on
    /// it could misread every row, so the start must be refused and say why.
    @Test func catalogueFromANewerSchemaIsRefused() async throws {
        let bench = try FaultBench(prefix: "schema-newer")
        try await Self.makeCatalogue(bench)
        try Self.execute("INSERT INTO grdb_migrations (identifier) VALUES ('v99: written by a newer platedrop')", in: bench.catalog)
        let daemon = try bench.startDaemon()
        let ending = await daemon.waitForExit(seconds: 15)
        let how = ending.map { "\($0)" } ?? "still running after 15 s"
        #expect(ending.map { !$0.bySignal && $0.status != 0 } == true,
                "started on a catalogue with unknown migration \"v99: written by a newer platedrop\": \(how)\n\(daemon.log)")
        #expect(daemon.log.contains("v99: written by a newer platedrop") || daemon.log.contains("newer"), "\(daemon.log)")
        await bench.stopAll()
    }

    static func rootPage(of table: String, in path: String) throws -> Int {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { try Int.fetchOne($0, sql: "SELECT rootpage FROM sqlite_master WHERE name = ?", arguments: [table]) } ?? 0
    }

    static func execute(_ sql: String, in path: String) throws {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        try queue.write { try $0.execute(sql: sql) }
    }

    static func catalogueRows(_ path: String) throws -> (migrations: [String], rows: [String]) {
        let queue = try DatabaseQueue(path: path, configuration: { var c = Configuration(); c.readonly = true; return c }())
        defer { try? queue.close() }
        return try queue.read { db in
            (try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier"),
             try String.fetchAll(db, sql: "SELECT 'plate ' || name || ' ' || state FROM plate ORDER BY id")
                + String.fetchAll(db, sql: "SELECT 'well ' || id || ' ' || state || ' g' || generation FROM well ORDER BY id")
                + String.fetchAll(db, sql: "SELECT 'file ' || relativePath || ' ' || state FROM file ORDER BY id"))
        }
    }

    // MARK: Runtime

    /// The catalogue's file system fills while the daemon runs: every failed commit must be reported, and once
    /// space is back the files that arrived meanwhile must still be catalogued and written, without a restart.
    @Test(.enabled(if: runningAsRoot, "mounts a tmpfs"))
    func catalogueDiskFullAtRuntimeIsReportedAndNothingThatArrivedMeanwhileIsLost() async throws {
        let bench = try FaultBench(prefix: "catalogue-full")
        let tmpfs = try SystemFaults.Tmpfs(at: bench.work.path + "/state", size: "2m")
        defer { tmpfs.undo() }
        let daemon = try bench.startDaemon()
        try await bench.waitUntilServing(daemon)
        try await Task.sleep(for: .seconds(1))
        let filler = tmpfs.path + "/filler"
        try DiskFullTests.fill(filler, leaving: 0, on: tmpfs)
        try? FileHandle(forWritingTo: URL(fileURLWithPath: filler)).write(contentsOf: Data(count: 1 << 20))

        try bench.deliverHealthyPlate("DuringFull")
        let sourceBefore = await snapshot(bench.healthyRoot)
        let reported = await eventually(seconds: 20) {
            daemon.log.contains("daemon step failed") && daemon.log.contains("database or disk is full")
        }
        #expect(reported, "a failing catalogue commit was not reported:\n\(daemon.log)")
        // Long enough after the quiet period (1 s) for the daemon to have tried to record the new files, even on
        // a machine busy with the soak.
        try await Task.sleep(for: .seconds(12))
        bench.expectDaemonRunning(daemon)

        try FileManager.default.removeItem(atPath: filler)
        try bench.deliverHealthyPlate()
        try await bench.expectHealthyPlateWritten()
        let recovered = try await bench.waitForPlate("DuringFull", seconds: 30)
        let catalogued = try await bench.files().map { $0["path"]?.stringValue ?? "" }
        #expect(recovered, "files that became stable while the catalogue was full were never catalogued: \(catalogued)\n\(daemon.log)")
        bench.expectDaemonRunning(daemon)
        #expect(await snapshot(bench.healthyRoot).differences(to: sourceBefore).filter { !$0.hasPrefix("Healthy") }.isEmpty)
        await bench.stopAll()
    }
}
