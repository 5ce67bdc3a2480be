import GRDB

extension TimepointState: DatabaseValueConvertible {}

extension TimepointRecord {
    /// Decoded column by column rather than through `Decodable`, as `FileRecord` is: every planning pass loads
    /// the timepoints of every well of a plate.
    public init(row: Row) throws {
        self.init(id: try row.decode(forColumn: "id"), well: try row.decode(forColumn: "well"), t: try row.decode(forColumn: "t"),
                  state: try row.decode(forColumn: "state"), generation: try row.decode(forColumn: "generation"),
                  writtenAt: try row.decode(forColumn: "writtenAt"))
    }
}
