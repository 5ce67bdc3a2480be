/// Finds where a key is written in TOML text, so problems can name the line (the parser does not say).
struct SourceLines {
    private let lines: [Substring]

    init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The 1-based line of the first `key =` inside `[section]`/`[[section]]` (or before any section
    /// header when `section` is nil; a table header `[key]` itself also counts).
    func line(of key: String, inSection section: String?) -> Int? {
        var current: String?
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingWhitespace()
            if line.hasPrefix("[") {
                current = line.trimmingCharacters(in: "[] ")
                if section == nil, current == key { return index + 1 }
                continue
            }
            guard current == section, let equals = line.firstIndex(of: "=") else { continue }
            let name = line[..<equals].trimmingWhitespace().trimmingCharacters(in: "\"'")
            if name == key { return index + 1 }
        }
        return nil
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
