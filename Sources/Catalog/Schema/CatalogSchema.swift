import GRDB

/// The catalogue's tables, versioned: each migration runs once, in order, inside a transaction.
enum CatalogSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(Self.firstVersion) { db in
            try db.create(table: "root") { table in
                table.primaryKey("id", .text)
                table.column("path", .text).notNull()
                table.column("layout", .text).notNull()
                table.column("output", .text).notNull()
                table.column("state", .text).notNull().defaults(to: "starting")
                table.column("updatedAt", .double).notNull()
            }
            try db.create(table: "plate") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("root", .text).notNull().references("root", onDelete: .cascade)
                table.column("name", .text).notNull()
                table.column("state", .text).notNull()
                table.column("storePath", .text).notNull()
                table.column("shapeSignature", .text)
                table.column("formatRows", .integer)
                table.column("formatColumns", .integer)
                table.column("endMarkerSeen", .boolean).notNull().defaults(to: false)
                table.column("reason", .text)
                table.column("createdAt", .double).notNull()
                table.column("lastActivityAt", .double).notNull()
                table.column("completedAt", .double)
                table.column("finalizedAt", .double)
                table.uniqueKey(["root", "name"])
            }
            try db.create(table: "well") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("plate", .integer).notNull().references("plate", onDelete: .cascade)
                table.column("row", .integer).notNull()
                table.column("column", .integer).notNull()
                table.column("state", .text).notNull()
                table.column("generation", .integer).notNull().defaults(to: 0)
                table.column("attempts", .integer).notNull().defaults(to: 0)
                table.column("reason", .text)
                table.column("lastActivityAt", .double).notNull()
                table.column("writtenAt", .double)
                table.uniqueKey(["plate", "row", "column"])
            }
            try db.create(index: "well_by_state", on: "well", columns: ["state"])
            try db.create(table: "file") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("root", .text).notNull().references("root", onDelete: .cascade)
                table.column("relativePath", .text).notNull()
                table.column("size", .integer).notNull()
                table.column("modifiedNanoseconds", .integer).notNull()
                table.column("changedNanoseconds", .integer).notNull()
                table.column("inode", .integer).notNull()
                table.column("state", .text).notNull()
                table.column("role", .text).notNull()
                table.column("reason", .text)
                table.column("plate", .integer).references("plate", onDelete: .setNull)
                table.column("well", .integer).references("well", onDelete: .setNull)
                table.column("field", .integer)
                table.column("channel", .integer)
                table.column("z", .integer)
                table.column("t", .integer)
                table.column("acquisition", .integer)
                table.column("width", .integer)
                table.column("height", .integer)
                table.column("sampleType", .text)
                table.column("pages", .integer)
                table.column("updatedAt", .double).notNull()
                table.uniqueKey(["root", "relativePath"])
            }
            try db.create(index: "file_by_state", on: "file", columns: ["state"])
            try db.create(index: "file_by_well", on: "file", columns: ["well"])
            try db.create(index: "file_by_plate", on: "file", columns: ["plate"])
            try db.create(table: "acquisition") { table in
                table.column("plate", .integer).notNull().references("plate", onDelete: .cascade)
                table.column("acquisition", .integer).notNull()
                table.column("name", .text)
                table.column("startTime", .double)
                table.column("endTime", .double)
                table.primaryKey(["plate", "acquisition"])
            }
            try db.create(table: "channel") { table in
                table.column("plate", .integer).notNull().references("plate", onDelete: .cascade)
                table.column("channel", .integer).notNull()
                table.column("name", .text).notNull()
                table.primaryKey(["plate", "channel"])
            }
            try db.create(table: "field") { table in
                table.column("plate", .integer).notNull().references("plate", onDelete: .cascade)
                table.column("acquisition", .integer).notNull()
                table.column("field", .integer).notNull()
                table.column("path", .text).notNull()
                table.primaryKey(["plate", "acquisition", "field"])
            }
            try db.create(table: "event") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("at", .double).notNull()
                table.column("level", .text).notNull()
                table.column("kind", .text).notNull()
                table.column("plate", .integer)
                table.column("well", .integer)
                table.column("path", .text)
                table.column("message", .text).notNull()
            }
            try db.create(index: "event_by_time", on: "event", columns: ["at"])
            try db.create(table: "daemon") { table in
                table.primaryKey("id", .integer)
                table.column("pid", .integer).notNull()
                table.column("startedAt", .double).notNull()
                table.column("heartbeatAt", .double).notNull()
                table.column("status", .text).notNull()
                table.column("currentWork", .text)
                table.column("queueLength", .integer).notNull().defaults(to: 0)
                table.column("stoppedAt", .double)
            }
        }
        migrator.registerMigration(Self.problemsIndex) { db in
            // `platedrop status` lists recent warnings and errors; an index keeps that instant on big catalogues.
            try db.create(index: "event_by_level", on: "event", columns: ["level", "id"])
            try db.create(index: "file_by_root_state", on: "file", columns: ["root", "state"])
            // The planner looks up a root's plan files every pass; without this it scans every catalogued file.
            try db.create(index: "file_by_root_role", on: "file", columns: ["root", "role"])
        }
        migrator.registerMigration(Self.completeness) { db in
            // Never used: acquisitions, channels and fields are read from plans and written plates, not kept here.
            for unused in ["field", "channel", "acquisition"] { try db.drop(table: unused) }
            try db.alter(table: "plate") { table in table.add(column: "missingWells", .text) }
        }
        migrator.registerMigration(Self.alerts) { db in
            try db.alter(table: "plate") { table in table.add(column: "stalledAt", .double) }
            // JSON: the disk guard's pauses, read by `platedrop status`.
            try db.alter(table: "daemon") { table in table.add(column: "writePauses", .text).notNull().defaults(to: "[]") }
        }
        migrator.registerMigration(Self.timepoints) { db in
            try db.create(table: "timepoint") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("well", .integer).notNull().references("well", onDelete: .cascade)
                table.column("t", .integer).notNull()
                table.column("state", .text).notNull()
                table.column("generation", .integer).notNull().defaults(to: 0)
                table.column("writtenAt", .double)
                table.uniqueKey(["well", "t"])
            }
            try db.alter(table: "plate") { table in table.add(column: "plannedTimepoints", .integer) }
            // What earlier versions wrote is on disk: each written well holds every timepoint of its files, so a
            // time-lapse plate under way is appended to, not rewritten.
            try db.execute(sql: """
                INSERT INTO timepoint (well, t, state, generation, writtenAt)
                SELECT DISTINCT well.id, COALESCE(file.t, 0), 'written', well.generation, well.writtenAt
                FROM well JOIN file ON file.well = well.id
                WHERE well.writtenAt IS NOT NULL AND file.role = 'image' AND file.state IN ('ingested', 'ignored')
                """)
        }
        migrator.registerMigration(Self.expectedWells) { db in
            try db.alter(table: "plate") { table in table.add(column: "expectedWells", .integer) }
        }
        migrator.registerMigration(Self.rootReason) { db in
            try db.alter(table: "root") { table in table.add(column: "reason", .text) }
            // Earlier versions stored "polling: <reason>" as the state; SET reads the row as it was.
            try db.execute(sql: """
                UPDATE root SET state = substr(state, 1, instr(state, ': ') - 1), reason = substr(state, instr(state, ': ') + 2)
                WHERE instr(state, ': ') > 0
                """)
        }
        return migrator
    }

    /// The first schema, as released: catalogues made before later migrations stop here.
    static let firstVersion = "v1: roots, plates, wells, files, events"
    static let problemsIndex = "v2: indexes for problem events, per-root file states and plan lookups"
    static let completeness = "v3: the wells a plate completed without; unused acquisition, channel and field tables dropped"
    static let alerts = "v4: when a plate stalled; the disk guard's pauses on the daemon row"
    static let timepoints = "v5: timepoints of each well, written one by one (time-lapse plates grow along t); the plan's timepoint count"
    static let expectedWells = "v6: the number of wells the plate's plan expects"
    static let rootReason = "v7: a watched folder's state and its reason apart"
}
