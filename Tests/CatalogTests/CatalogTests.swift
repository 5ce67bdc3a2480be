@testable import Catalog
import Foundation
import GRDB
import Testing

@Suite struct CatalogTests {
    static func temporaryPath() -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString)")
        return directory.appendingPathComponent("state/catalog.sqlite").path
    }

    @Test func opensInWALModeWithTheSchema() throws {
        let path = Self.temporaryPath()
        let catalog = try Catalog(path: path)
        let mode = try catalog.read { transaction in try String.fetchOne(transaction.db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let tables = try catalog.read { transaction in
            try String.fetchAll(transaction.db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        for table in ["daemon", "event", "file", "plate", "root", "well"] {
            #expect(tables.contains(table))
        }
    }

    @Test func secondDaemonIsRefusedWithThePidOfTheFirst() throws {
        let path = Self.temporaryPath()
        _ = try Catalog(path: path)
        let first = try CatalogLock(catalogPath: path)
        #expect(throws: CatalogError.locked(path: path, holder: "pid \(getpid())")) {
            _ = try CatalogLock(catalogPath: path)
        }
        withExtendedLifetime(first) {}
    }

    @Test func lockIsReleasedWhenItsHolderGoes() throws {
        let path = Self.temporaryPath()
        _ = try Catalog(path: path)
        do {
            let held = try CatalogLock(catalogPath: path)
            withExtendedLifetime(held) {}
        }
        let again = try CatalogLock(catalogPath: path)
        #expect(FileManager.default.fileExists(atPath: again.path))
    }

    @Test func corruptCatalogueIsRefusedWithAClearMessage() throws {
        let path = Self.temporaryPath()
        do {
            let catalog = try Catalog(path: path)
            try catalog.write { transaction in
                for index in 0..<2000 {
                    try transaction.db.execute(sql: "INSERT INTO event (at, level, kind, message) VALUES (?, 'info', 'test', ?)",
                                   arguments: [Double(index), String(repeating: "x", count: 200)])
                }
            }
        }
        // Closing the last connection checkpoints the WAL into the database file.
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        // Overwrite a page in the middle of the file, as a failing disk would.
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.seek(toOffset: 4096 * 3)
        try handle.write(contentsOf: Data(repeating: 0x5A, count: 4096))
        try handle.close()
        #expect {
            _ = try Catalog(path: path)
        } throws: { error in
            guard case let .corrupt(reportedPath, _)? = error as? CatalogError else { return false }
            return reportedPath == path && "\(error)".contains("refusing to run")
        }
    }

    @Test func readerSeesCommittedRowsAndCannotWrite() throws {
        let path = Self.temporaryPath()
        let catalog = try Catalog(path: path)
        try catalog.write { transaction in
            var event = EventRecord(at: 1, level: .info, kind: "test", message: "hello")
            try event.insert(transaction.db)
        }
        let reader = try CatalogReader(path: path)
        let messages = try reader.read { transaction in try String.fetchAll(transaction.db, sql: "SELECT message FROM event") }
        #expect(messages == ["hello"])
        #expect(throws: CatalogError.self) {
            try reader.read { transaction in try transaction.db.execute(sql: "DELETE FROM event") }
        }
    }

    @Test func eventsAreStoredUnderTheKindTextEarlierVersionsWrote() throws {
        let catalog = try Catalog(path: Self.temporaryPath())
        try catalog.write { transaction in try EventRecord.log(transaction.db, .info, .plateEndMarker, "seen") }
        let kinds = try catalog.read { transaction in try String.fetchAll(transaction.db, sql: "SELECT kind FROM event") }
        #expect(kinds == ["plate-end-marker"])
    }

    @Test func readerOfAMissingCatalogueSaysWhere() {
        let path = Self.temporaryPath()
        #expect {
            _ = try CatalogReader(path: path)
        } throws: { error in
            "\(error)".contains(path) && "\(error)".contains("no catalogue")
        }
    }

    /// File and timepoint records are decoded column by column: every column, set, reads back as written, so
    /// a misspelt column name (which would read as nil) cannot pass.
    @Test func recordsReadBackEveryColumn() throws {
        let catalog = try Catalog(path: Self.temporaryPath())
        let (file, timepoint) = try catalog.write { transaction in
            try transaction.db.execute(sql: """
                INSERT INTO root (id, path, layout, output, updatedAt) VALUES ('r', '/w', 'auto', '/o', 1);
                INSERT INTO plate (id, root, name, state, storePath, createdAt, lastActivityAt) VALUES (7, 'r', 'P', 'receiving', '/o/P', 1, 1);
                INSERT INTO well (id, plate, row, "column", state, generation, lastActivityAt) VALUES (9, 7, 1, 2, 'receiving', 0, 1);
                """)
            var file = FileRecord(root: "r", relativePath: "P/B03_s2_w3.tif", size: 4096, modifiedNanoseconds: 11, changedNanoseconds: 12,
                                  inode: 13, state: .ignored, role: .image, reason: "a copy", plate: 7, well: 9, field: 1, channel: 2,
                                  z: 3, t: 4, acquisition: 5, width: 640, height: 480, sampleType: "uint16", pages: 6, updatedAt: 14.5)
            try file.insert(transaction.db)
            var timepoint = TimepointRecord(well: 9, t: 4, state: .written, generation: 2, writtenAt: 15.25)
            try timepoint.insert(transaction.db)
            return (file, timepoint)
        }
        let (files, timepoints) = try catalog.read { transaction in
            (try FileRecord.fetchAll(transaction.db), try TimepointRecord.fetchAll(transaction.db))
        }
        #expect(files == [file])
        #expect(timepoints == [timepoint])
    }
}

/// A catalogue written by an earlier PlateDrop is migrated in place at open, its rows kept.
@Suite struct CatalogMigrationTests {
    /// A catalogue created at the schema of `version`, holding the rows `sql` inserts, opened (so migrated)
    /// as the current PlateDrop opens it.
    static func catalogue(migratedFrom version: String, holding sql: String) throws -> Catalog {
        let path = CatalogTests.temporaryPath()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        do {
            let old = try DatabaseQueue(path: path)
            try CatalogSchema.migrator.migrate(old, upTo: version)
            try old.write { db in try db.execute(sql: sql) }
        }
        return try Catalog(path: path)
    }

    @Test func olderSchemaIsMigratedAndItsRowsKept() throws {
        let catalog = try Self.catalogue(migratedFrom: CatalogSchema.firstVersion,
                                         holding: "INSERT INTO event (at, level, kind, message) VALUES (1, 'error', 'old', 'kept')")
        let applied = try catalog.read { transaction in try CatalogSchema.migrator.appliedIdentifiers(transaction.db) }
        #expect(applied == [CatalogSchema.firstVersion, CatalogSchema.problemsIndex, CatalogSchema.completeness,
                            CatalogSchema.alerts, CatalogSchema.timepoints, CatalogSchema.expectedWells,
                            CatalogSchema.rootReason])
        let tables = try catalog.read { transaction in
            try String.fetchAll(transaction.db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        #expect(Set(tables).isDisjoint(with: ["acquisition", "channel", "field"]), "\(tables)")
        let plateColumns = try catalog.read { transaction in try transaction.db.columns(in: "plate").map(\.name) }
        #expect(plateColumns.contains("missingWells") && plateColumns.contains("stalledAt") && plateColumns.contains("expectedWells"))
        let daemonColumns = try catalog.read { transaction in try transaction.db.columns(in: "daemon").map(\.name) }
        #expect(daemonColumns.contains("writePauses"))
        let indexes = try catalog.read { transaction in try transaction.db.indexes(on: "event").map(\.name) }
        #expect(indexes.contains("event_by_level"))
        let messages = try catalog.read { transaction in try String.fetchAll(transaction.db, sql: "SELECT message FROM event") }
        #expect(messages == ["kept"])
    }

    @Test func reopeningAMigratedCatalogueChangesNothing() throws {
        let path = CatalogTests.temporaryPath()
        _ = try Catalog(path: path)
        let catalog = try Catalog(path: path)
        let applied = try catalog.read { transaction in try CatalogSchema.migrator.appliedIdentifiers(transaction.db) }
        #expect(applied.count == 7)
    }

    /// A catalogue of the schema before timepoints (v3) holding a time-lapse well written over two
    /// timepoints, an unwritten well and a file not ingested yet: the written well gets its two timepoints,
    /// written, at its generation; nothing else gets any.
    @Test func writtenWellsOfTheSchemaBeforeTimepointsGetTheTimepointsOfTheirFiles() throws {
        let catalog = try Self.catalogue(migratedFrom: CatalogSchema.completeness, holding: """
                INSERT INTO root (id, path, layout, output, updatedAt) VALUES ('r', '/w', 'auto', '/o', 1);
                INSERT INTO plate (id, root, name, state, storePath, createdAt, lastActivityAt)
                    VALUES (1, 'r', 'P', 'receiving', '/o/P.ome.zarr', 1, 1);
                INSERT INTO well (id, plate, row, "column", state, generation, lastActivityAt, writtenAt)
                    VALUES (1, 1, 0, 0, 'receiving', 2, 1, 5), (2, 1, 0, 1, 'receiving', 0, 1, NULL);
                INSERT INTO file (root, relativePath, size, modifiedNanoseconds, changedNanoseconds, inode, state, role,
                                  plate, well, t, updatedAt) VALUES
                    ('r', 'a1t1', 1, 1, 1, 1, 'ingested', 'image', 1, 1, 0, 1),
                    ('r', 'a1t2', 1, 1, 1, 2, 'ingested', 'image', 1, 1, 1, 1),
                    ('r', 'a1t3', 1, 1, 1, 3, 'stable', 'image', 1, 1, 2, 1),
                    ('r', 'a2t1', 1, 1, 1, 4, 'stable', 'image', 1, 2, 0, 1);
                """)
        let timepoints = try catalog.read { transaction in
            try Row.fetchAll(transaction.db, sql: "SELECT well, t, state, generation, writtenAt FROM timepoint ORDER BY well, t")
                .map { "well \($0["well"] as Int) t \($0["t"] as Int) \($0["state"] as String) g\($0["generation"] as Int) at \($0["writtenAt"] as Double)" }
        }
        #expect(timepoints == ["well 1 t 0 written g2 at 5.0", "well 1 t 1 written g2 at 5.0"])
        let plate = try #require(try catalog.read { transaction in try transaction.plate(named: "P") })
        #expect(plate.plannedTimepoints == nil)
        let progress = try catalog.read { transaction in try transaction.timepointProgress(of: plate) }
        #expect(progress == TimepointProgress(written: 2, planned: nil) && progress.label == "t 2")
    }

    /// A catalogue of the schema before root reasons (v6) stored a watched folder's reason in its state text:
    /// the migration splits it at the first ": ", and a state without a reason keeps none.
    @Test func rootStatesOfTheSchemaBeforeReasonsAreSplit() throws {
        let catalog = try Self.catalogue(migratedFrom: CatalogSchema.expectedWells, holding: """
                INSERT INTO root (id, path, layout, output, state, updatedAt) VALUES
                    ('a', '/a', 'auto', '/o', 'polling: network filesystem (nfs4); every 30 s', 1),
                    ('b', '/b', 'auto', '/o', 'missing: no such folder: /b', 1),
                    ('c', '/c', 'auto', '/o', 'watching', 1);
                """)
        let roots = try catalog.read { transaction in try transaction.overview(problemLimit: 0) }.roots
        #expect(roots.map(\.state) == [.polling, .missing, .watching])
        #expect(roots.map(\.reason) == ["network filesystem (nfs4); every 30 s", "no such folder: /b", nil])
        #expect(roots.map(\.stateSummary) == ["polling: network filesystem (nfs4); every 30 s", "missing: no such folder: /b", "watching"])
    }

    /// A catalogue of the schema before the plan's well count (v5): its plates keep their rows, know no
    /// expected count (their progress is told against the wells seen) until the planner records one.
    @Test func platesOfTheSchemaBeforeExpectedWellsHaveNoneUntilRecorded() throws {
        let catalog = try Self.catalogue(migratedFrom: CatalogSchema.timepoints, holding: """
                INSERT INTO root (id, path, layout, output, updatedAt) VALUES ('r', '/w', 'auto', '/o', 1);
                INSERT INTO plate (id, root, name, state, storePath, createdAt, lastActivityAt, plannedTimepoints)
                    VALUES (1, 'r', 'P', 'receiving', '/o/P.ome.zarr', 1, 1, 48);
                INSERT INTO well (id, plate, row, "column", state, generation, lastActivityAt, writtenAt)
                    VALUES (1, 1, 0, 0, 'written', 1, 1, 5), (2, 1, 0, 1, 'receiving', 0, 1, NULL);
                """)
        let applied = try catalog.read { transaction in try CatalogSchema.migrator.appliedIdentifiers(transaction.db) }
        #expect(applied.contains(CatalogSchema.expectedWells))
        let migrated = try #require(try catalog.read { transaction in try transaction.plateProgress() }.first)
        #expect(migrated.plate.name == "P" && migrated.plate.plannedTimepoints == 48 && migrated.plate.expectedWells == nil)
        #expect(migrated.wellProgress == WellProgress(written: 1, expected: nil, seen: 2) && migrated.wellProgress.label == "1 / 2 seen")

        try catalog.write { transaction in try transaction.recordExpectedWells(of: migrated.plate, 96) }
        let recorded = try #require(try catalog.read { transaction in try transaction.plateProgress() }.first)
        #expect(recorded.plate.expectedWells == 96 && recorded.wellProgress.label == "1 / 96")
        let events = try catalog.read { transaction in try Int.fetchOne(transaction.db, sql: "SELECT COUNT(*) FROM event") }
        #expect(events == 0, "recording the plan's well count is not an event")
    }
}
