/// Names of the named groups `(?<name>…)` in an ICU regular expression, found by reading the pattern
/// (NSRegularExpression cannot list them, and Swift's Regex is not Sendable, so it cannot be kept).
enum CaptureGroupNames {
    /// Group names in order of appearance; escaped parentheses and character classes are skipped.
    static func names(in pattern: String) -> [String] {
        let characters = Array(pattern)
        var names: [String] = []
        var index = 0
        var inClass = false
        while index < characters.count {
            switch characters[index] {
            case "\\":
                index += 1
            case "[" where !inClass:
                inClass = true
            case "]" where inClass:
                inClass = false
            case "(" where !inClass:
                if let name = groupName(characters, openingAt: index) { names.append(name) }
            default:
                break
            }
            index += 1
        }
        return names
    }

    /// The name of `(?<name>`, not of the look-behinds `(?<=` and `(?<!`.
    private static func groupName(_ characters: [Character], openingAt index: Int) -> String? {
        guard index + 3 < characters.count, characters[index + 1] == "?", characters[index + 2] == "<" else { return nil }
        let rest = characters[(index + 3)...]
        guard let close = rest.firstIndex(of: ">") else { return nil }
        let name = String(rest[..<close])
        guard let first = name.first, first.isLetter, name.allSatisfy({ $0.isLetter || $0.isNumber }) else { return nil }
        return name
    }
}
