import Foundation
import GRDB

extension EventRecord {
    /// Appends an audit event; only the catalogue's operations do, in the transaction of what they record.
    static func log(_ db: Database, _ level: EventLevel, _ kind: EventKind, plate: Int64? = nil, well: Int64? = nil,
                    path: String? = nil, _ message: String) throws {
        var event = EventRecord(at: Date().timeIntervalSince1970, level: level, kind: kind.rawValue, plate: plate,
                                well: well, path: path, message: message)
        try event.insert(db)
    }
}
