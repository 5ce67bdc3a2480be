import Foundation

/// A comma-separated table with a header row, as RFC 4180 writes it: a quoted field may hold commas,
/// line breaks and doubled quotes; lines end in CRLF or LF.
struct CSVTable {
    /// One record and the line it starts on, for error messages.
    struct Row {
        let fields: [String]
        let line: Int
    }

    /// Column names of the first record, trimmed.
    let header: [String]
    /// The records after the header; blank lines are skipped.
    let rows: [Row]

    init(text: String) {
        var records: [Row] = []
        var fields: [String] = []
        var field = ""
        var isQuoted = false
        var line = 1
        var recordLine = 1
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        func endRecord() {
            fields.append(field)
            if fields.count > 1 || !fields[0].isEmpty { records.append(Row(fields: fields, line: recordLine)) }
            fields = []
            field = ""
            recordLine = line
        }
        while let scalar = pending {
            pending = scalars.next()
            if isQuoted {
                if scalar == "\"" {
                    if pending == "\"" {
                        field.unicodeScalars.append("\"")
                        pending = scalars.next()
                    } else {
                        isQuoted = false
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty:
                isQuoted = true
            case ",":
                fields.append(field)
                field = ""
            case "\r" where pending == "\n":
                continue
            case "\n", "\r":
                line += 1
                endRecord()
            default:
                field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        header = records.first.map { $0.fields.map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
        rows = Array(records.dropFirst())
    }

    /// The index of the column called `name`, or nil.
    func column(_ name: String) -> Int? {
        header.firstIndex(of: name)
    }
}
