import GRDB

extension FileState: DatabaseValueConvertible {}
extension FileRole: DatabaseValueConvertible {}

extension FileRecord {
    /// Decoded column by column rather than through `Decodable`: every planning pass and every write loads all
    /// the image records of a plate, and GRDB's keyed decoder looks each column up several times, which made
    /// the load most of the daemon's work on a plate of tens of thousands of files.
    public init(row: Row) throws {
        self.init(id: try row.decode(forColumn: "id"), root: try row.decode(forColumn: "root"),
                  relativePath: try row.decode(forColumn: "relativePath"), size: try row.decode(forColumn: "size"),
                  modifiedNanoseconds: try row.decode(forColumn: "modifiedNanoseconds"),
                  changedNanoseconds: try row.decode(forColumn: "changedNanoseconds"), inode: try row.decode(forColumn: "inode"),
                  state: try row.decode(forColumn: "state"), role: try row.decode(forColumn: "role"),
                  reason: try row.decode(forColumn: "reason"), plate: try row.decode(forColumn: "plate"),
                  well: try row.decode(forColumn: "well"), field: try row.decode(forColumn: "field"),
                  channel: try row.decode(forColumn: "channel"), z: try row.decode(forColumn: "z"), t: try row.decode(forColumn: "t"),
                  acquisition: try row.decode(forColumn: "acquisition"), width: try row.decode(forColumn: "width"),
                  height: try row.decode(forColumn: "height"), sampleType: try row.decode(forColumn: "sampleType"),
                  pages: try row.decode(forColumn: "pages"), updatedAt: try row.decode(forColumn: "updatedAt"))
    }
}
