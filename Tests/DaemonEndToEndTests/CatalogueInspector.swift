import Catalog
import GRDB

/// Reads the daemon's catalogue directly (read-only, as the CLI does) for what the CLI does not print:
/// the audit events and exact file counts. It queries the tables itself: these reads are the tests' own.
struct CatalogueInspector {
    private let reader: DatabaseQueue

    init(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(3)
        reader = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Audit events of one kind (`file-rejected`, `well-retry`, …), oldest first, optionally about one file.
    func events(kind: EventKind, path: String? = nil) throws -> [EventRecord] {
        try reader.read { db in
            var request = EventRecord.filter(Column("kind") == kind.rawValue)
            if let path { request = request.filter(Column("path") == path) }
            return try request.order(Column("id")).fetchAll(db)
        }
    }

    /// Every well's state by name ("B3"), whatever its plate.
    func wellStates() throws -> [String: WellState] {
        try reader.read { db in
            Dictionary(try WellRecord.fetchAll(db).map { (SourceExport.wellName(row: $0.row, column: $0.column), $0.state) },
                       uniquingKeysWith: { first, _ in first })
        }
    }

    /// How many files of the catalogue have a relative path starting with `prefix`.
    func fileCount(under prefix: String) throws -> Int {
        try reader.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM file WHERE substr(relativePath, 1, ?) = ?",
                             arguments: [prefix.count, prefix]) ?? 0
        }
    }
}
