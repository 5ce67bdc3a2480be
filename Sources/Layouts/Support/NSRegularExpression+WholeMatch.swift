import Foundation

extension NSRegularExpression {
    /// A regular expression that must match all of a string: `pattern` wrapped in `\A(?:…)\z`, so the
    /// engine backtracks into optional tail groups (a glued GUID) instead of settling for a shorter match.
    convenience init(wholeMatching pattern: String, options: NSRegularExpression.Options = []) throws {
        try self.init(pattern: #"\A(?:"# + pattern + #")\z"#, options: options)
    }

    /// The match covering all of `string`, or nil.
    func wholeMatch(_ string: String) -> NamedCaptures? {
        let whole = NSRange(string.startIndex..., in: string)
        guard let result = firstMatch(in: string, options: [], range: whole), result.range == whole else {
            return nil
        }
        return NamedCaptures(string: string, result: result)
    }
}
