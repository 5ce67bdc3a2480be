import Foundation

/// The named groups of one regular-expression match.
struct NamedCaptures {
    let string: String
    let result: NSTextCheckingResult

    /// The text a named group captured, or nil if the group did not take part.
    subscript(_ name: String) -> String? {
        let range = result.range(withName: name)
        guard range.location != NSNotFound, let swiftRange = Range(range, in: string) else { return nil }
        return String(string[swiftRange])
    }
}
