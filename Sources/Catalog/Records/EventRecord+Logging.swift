import Foundation
import GRDB

extension EventRecord {
    /// Appends an audit event.
    public static func log(_ db: Database, _ level: EventLevel, _ kind: EventKind, plate: Int64? = nil, well: Int64? = nil,
                           path: String? = nil, _ message: String) throws {
        var event = EventRecord(at: Date().timeIntervalSince1970, level: level, kind: kind.rawValue, plate: plate, well: well,
                                path: path, message: message)
        try event.insert(db)
    }

    /// The newest events first, optionally only warnings and errors.
    public static func recent(_ db: Database, limit: Int, problemsOnly: Bool = false) throws -> [EventRecord] {
        var request = EventRecord.order(Column("id").desc).limit(limit)
        if problemsOnly { request = request.filter(Column("level") != EventLevel.info.rawValue) }
        return try request.fetchAll(db)
    }
}
