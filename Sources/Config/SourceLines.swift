/// Finds where a key is written in TOML text, so problems can name the line (the parser does not say).
struct SourceLines {
    private let lines: [Substring]

    init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The 1-based line of the first `key =` inside `[section]`, or inside the `entry`-th (0-based)
    /// `[[section]]` table; before any header when `section` is nil, where a table header `[key]` or
    /// `[[key]]` itself also counts.
    func line(of key: String, inSection section: String?, entry: Int = 0) -> Int? {
        var current: String?
        var occurrences: [String: Int] = [:]
        var currentEntry = 0
        for (index, raw) in lines.enumerated() {
            let line = Self.removingComment(raw).trimmingWhitespace()
            if line.hasPrefix("[") {
                let name = line.trimmingCharacters(in: "[] \t")
                if section == nil, name == key { return index + 1 }
                currentEntry = occurrences[name, default: 0]
                occurrences[name] = currentEntry + 1
                current = name
                continue
            }
            guard current == section, section == nil || currentEntry == entry,
                  let equals = line.firstIndex(of: "=") else { continue }
            let name = line[..<equals].trimmingWhitespace().trimmingCharacters(in: "\"'")
            if name == key { return index + 1 }
        }
        return nil
    }

    /// The 1-based line of the `entry`-th (0-based) `[[section]]` header.
    func headerLine(of section: String, entry: Int) -> Int? {
        var seen = 0
        for (index, raw) in lines.enumerated() {
            let line = Self.removingComment(raw).trimmingWhitespace()
            guard line.hasPrefix("["), line.trimmingCharacters(in: "[] \t") == section else { continue }
            if seen == entry { return index + 1 }
            seen += 1
        }
        return nil
    }

    /// The line without a trailing `# comment` (a `#` inside a quoted string is kept).
    private static func removingComment(_ line: Substring) -> Substring {
        var quote: Character?
        for index in line.indices {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#" {
                return line[..<index]
            }
        }
        return line
    }
}

private extension StringProtocol {
    func trimmingWhitespace() -> String { trimmingCharacters(in: " \t\r") }

    func trimmingCharacters(in set: String) -> String {
        let characters = Set(set)
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, characters.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
