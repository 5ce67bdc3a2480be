import Foundation

/// Reads an ImageXpress HCS.ai `image_metadata_<n>.csv` (docs/layouts.md §1.2): one row per
/// plane written, the well as `Row`/`Column` (1-based) and as `Well` ("C - 5"); `Field`, `Wavelength`,
/// `Timepoint` and `ZIndex` 0-based; the file as `ImageSubFolderPath` (empty means `timepoint<T>`) and
/// `ImageFileName`; `TimeStampSec` in seconds since 1970, `ExcitationEmissionFilter` naming the channel,
/// `PositionXUm`/`PositionYUm` the stage position in µm.
enum HCSAIManifestReader {
    /// The planes the manifest lists, as expected planes and image keys, with stage positions, channel
    /// names and the acquisition's first and last time stamp; a manifest without rows expects nothing yet.
    static func plan(at path: String) throws(LayoutError) -> PlatePlan {
        let data = PlanFile.withoutByteOrderMark(try PlanFile.contents(of: path))
        let table = CSVTable(text: String(decoding: data, as: UTF8.self))
        guard !table.header.isEmpty else {
            throw .malformedPlan(path: path, expected: "a header row naming the columns", found: "an empty file")
        }
        let columns = try Columns(table, path: path)
        var expected = Set<ImageKey>()
        var imageKeys: [String: ImageKey] = [:]
        var stagePositions: [String: StagePosition] = [:]
        var channelNames: [Int: String] = [:]
        var times: [Double] = []
        for row in table.rows {
            let fields = Fields(row: row, columns: columns, path: path)
            let t = try fields.integer(columns.timepoint, minimum: 0)
            let key = ImageKey(plate: "", well: try fields.well(), field: try fields.integer(columns.field, minimum: 0),
                               channel: try fields.integer(columns.wavelength, minimum: 0),
                               z: try fields.integer(columns.zIndex, minimum: 0), t: t)
            let name = fields.text(columns.fileName)
            guard !name.isEmpty else {
                throw .malformedPlan(path: path, expected: "a file name in column ImageFileName", found: "none at line \(row.line)")
            }
            let folder = fields.text(columns.subfolder)
            let file = PlanFile.relativeImagePath((folder.isEmpty ? "timepoint\(t)" : folder) + "/" + name)
            expected.insert(key)
            imageKeys[file] = key
            if let x = try fields.decimal(columns.positionX), let y = try fields.decimal(columns.positionY) {
                stagePositions[file] = StagePosition(x: x, y: y)
            }
            if let time = try fields.decimal(columns.timeStamp) { times.append(time) }
            let channelName = fields.text(columns.channelName)
            if !channelName.isEmpty { channelNames[key.channel] = channelNames[key.channel] ?? channelName }
        }
        let channels = Set(expected.map(\.channel)).sorted().map { index in
            channelNames[index].map { ChannelInfo(index: index, name: $0) }
                ?? ChannelInfo(index: index, name: "w\(index)", isNamedByToken: true)
        }
        return PlatePlan(source: path, scopeDirectory: PlanFile.directory(of: path), channels: channels,
                         expected: expected.isEmpty ? nil : expected,
                         acquisitions: [AcquisitionInfo(id: 0, start: times.min(), end: times.max())],
                         imageKeys: imageKeys, stagePositions: stagePositions)
    }

    /// Where the columns the reader uses sit in the header.
    private struct Columns {
        let field: Int, wavelength: Int, timepoint: Int, zIndex: Int, fileName: Int
        let row: Int?, column: Int?, well: Int?
        let subfolder: Int?, timeStamp: Int?, channelName: Int?, positionX: Int?, positionY: Int?

        init(_ table: CSVTable, path: String) throws(LayoutError) {
            func required(_ name: String) throws(LayoutError) -> Int {
                guard let index = table.column(name) else {
                    throw .malformedPlan(path: path, expected: "a column \(name)",
                                         found: "the columns \(table.header.joined(separator: ", "))")
                }
                return index
            }
            field = try required("Field")
            wavelength = try required("Wavelength")
            timepoint = try required("Timepoint")
            zIndex = try required("ZIndex")
            fileName = try required("ImageFileName")
            (row, column, well) = (table.column("Row"), table.column("Column"), table.column("Well"))
            guard (row != nil && column != nil) || well != nil else {
                throw .malformedPlan(path: path, expected: "the columns Row and Column, or Well",
                                     found: "the columns \(table.header.joined(separator: ", "))")
            }
            subfolder = table.column("ImageSubFolderPath")
            timeStamp = table.column("TimeStampSec")
            channelName = table.column("ExcitationEmissionFilter")
            positionX = table.column("PositionXUm")
            positionY = table.column("PositionYUm")
        }
    }

    /// The values of one row, read with the row's line in every error.
    private struct Fields {
        let row: CSVTable.Row
        let columns: Columns
        let path: String

        func text(_ column: Int?) -> String {
            guard let column, column < row.fields.count else { return "" }
            return row.fields[column].trimmingCharacters(in: .whitespaces)
        }

        func integer(_ column: Int, minimum: Int) throws(LayoutError) -> Int {
            let raw = text(column)
            guard let value = Int(raw), value >= minimum else {
                throw .malformedPlan(path: path, expected: "a whole number ≥ \(minimum) in column \(columnName(column))",
                                     found: "\"\(raw)\" at line \(row.line)")
            }
            return value
        }

        func decimal(_ column: Int?) throws(LayoutError) -> Double? {
            let raw = text(column)
            guard !raw.isEmpty, let column else { return nil }
            guard let value = Double(raw) else {
                throw .malformedPlan(path: path, expected: "a number in column \(columnName(column))",
                                     found: "\"\(raw)\" at line \(row.line)")
            }
            return value
        }

        /// The well from Row and Column when the manifest has them, checked against `Well` ("C - 5").
        func well() throws(LayoutError) -> WellPosition {
            let label = text(columns.well)
            let fromLabel = WellPosition(parsing: label.filter { $0 != " " && $0 != "-" })
            if let rowColumn = columns.row, let columnColumn = columns.column,
               !text(rowColumn).isEmpty || !text(columnColumn).isEmpty {
                let numbered = WellPosition(row: try integer(rowColumn, minimum: 1) - 1,
                                            column: try integer(columnColumn, minimum: 1) - 1)
                if !label.isEmpty, fromLabel != numbered {
                    throw .malformedPlan(path: path, expected: "Well to name the well of Row and Column",
                                         found: "Well \"\(label)\" but Row \(numbered.row + 1), Column \(numbered.column + 1) "
                                             + "at line \(row.line)")
                }
                return numbered
            }
            guard let fromLabel else {
                throw .malformedPlan(path: path, expected: "a well such as \"C - 5\" in column Well",
                                     found: "\"\(label)\" at line \(row.line)")
            }
            return fromLabel
        }

        private func columnName(_ column: Int) -> String {
            let named: [(Int?, String)] = [
                (columns.field, "Field"), (columns.wavelength, "Wavelength"), (columns.timepoint, "Timepoint"),
                (columns.zIndex, "ZIndex"), (columns.row, "Row"), (columns.column, "Column"),
                (columns.timeStamp, "TimeStampSec"), (columns.positionX, "PositionXUm"), (columns.positionY, "PositionYUm"),
            ]
            return named.first { $0.0 == column }?.1 ?? "\(column + 1)"
        }
    }
}
