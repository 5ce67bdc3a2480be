import Foundation

/// The key/value lines of a MetaXpress `.HTD` plate plan: `"Key", value, value…`, `"HTSInfoFile"` first
/// and `"EndFile"` last (docs/layouts.md §1.1).
struct HTDDocument {
    /// Path the document was read from, for error messages.
    let path: String
    /// Values by key, quotes removed.
    private(set) var values: [String: [String]] = [:]

    /// Reads and checks the frame of the HTD at `path`; `Description` may hold non-UTF-8 bytes, so a file
    /// that is not valid UTF-8 is decoded as Latin-1.
    init(path: String) throws(LayoutError) {
        self.path = path
        let data = PlanFile.withoutByteOrderMark(try PlanFile.contents(of: path))
        // Latin-1 maps every byte to the code point of the same value, so it never fails.
        let text = String(data: data, encoding: .utf8) ?? String(decoding: data.map { UInt16($0) }, as: UTF16.self)
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        guard let first = lines.first, Self.fields(of: first).first == "HTSInfoFile" else {
            throw .malformedPlan(path: path, expected: "\"HTSInfoFile\", Version 1.0 as the first line",
                                 found: lines.first.map { "\"\($0.prefix(60))\"" } ?? "an empty file")
        }
        guard let last = lines.last, Self.fields(of: last) == ["EndFile"] else {
            throw .malformedPlan(path: path, expected: "\"EndFile\" as the last line",
                                 found: "\"\(lines.last?.prefix(60) ?? "")\" (the file looks truncated)")
        }
        for line in lines.dropFirst().dropLast() {
            let fields = Self.fields(of: line)
            guard let key = fields.first, !key.isEmpty else { continue }
            let lineValues = Array(fields.dropFirst())
            if let earlier = values[key], earlier != lineValues {
                throw .malformedPlan(path: path, expected: "\"\(key)\" once",
                                     found: "it twice with different values")
            }
            values[key] = lineValues
        }
    }

    /// Comma-separated fields of one line, quotes removed; commas inside quotes stay.
    private static func fields(of line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        for character in line {
            switch character {
            case "\"": quoted.toggle()
            case "," where !quoted:
                fields.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            default: current.append(character)
            }
        }
        fields.append(current.trimmingCharacters(in: .whitespaces))
        return fields
    }

    /// Keys that start with `prefix` followed by a number, with that number.
    func numberedKeys(_ prefix: String) -> [(key: String, number: Int)] {
        values.keys.compactMap { key in
            guard key.hasPrefix(prefix), let number = Int(key.dropFirst(prefix.count)) else { return nil }
            return (key, number)
        }
    }

    /// A whole number of at least `minimum`, or nil if the key is absent.
    func integer(_ key: String, minimum: Int = 1) throws(LayoutError) -> Int? {
        guard let raw = values[key]?.first else { return nil }
        guard let number = Int(raw), number >= minimum else {
            throw .malformedPlan(path: path, expected: "\"\(key)\" to be a whole number ≥ \(minimum)", found: "\"\(raw)\"")
        }
        return number
    }

    /// A TRUE/FALSE flag, or nil if the key is absent.
    func flag(_ key: String) throws(LayoutError) -> Bool? {
        guard let raw = values[key]?.first else { return nil }
        return try Self.bool(raw, key: key, path: path)
    }

    /// A row of TRUE/FALSE flags that must have exactly `count` entries, or nil if the key is absent.
    func flags(_ key: String, count: Int, countSource: String) throws(LayoutError) -> [Bool]? {
        guard let raw = values[key] else { return nil }
        guard raw.count == count else {
            throw .malformedPlan(path: path, expected: "\(count) TRUE/FALSE values in \"\(key)\" (\(countSource))",
                                 found: "\(raw.count)")
        }
        var result: [Bool] = []
        for value in raw { result.append(try Self.bool(value, key: key, path: path)) }
        return result
    }

    /// The first value as text, or nil if the key is absent.
    func text(_ key: String) -> String? { values[key]?.first }

    private static func bool(_ raw: String, key: String, path: String) throws(LayoutError) -> Bool {
        switch raw.uppercased() {
        case "TRUE", "1": return true
        case "FALSE", "0": return false
        default: throw .malformedPlan(path: path, expected: "TRUE or FALSE in \"\(key)\"", found: "\"\(raw)\"")
        }
    }
}
