import Foundation

extension ImageKey {
    /// Longest plate name accepted, in UTF-8 bytes; `<plate>.ome.zarr` must stay well inside NAME_MAX (255).
    public static let maximumPlateNameBytes = 128

    /// A plate name safe to use as the directory `<plate>.ome.zarr`, or nil when none can be made from `raw`.
    ///
    /// Rejected (nil): empty or all-dots names, NUL or other control characters, U+FFFD (the mark of a
    /// name that was not valid UTF-8), and names longer than `maximumPlateNameBytes` (truncating could
    /// merge two plates). Neutralised: path separators and the characters Windows/SMB shares forbid
    /// (`\ / : * ? " < > |`) become `_`; leading dots (hidden files, `..`) and surrounding white space are
    /// dropped. Applying it twice gives the same result as once.
    public static func safePlateName(_ raw: String) -> String? {
        let forbidden: Set<Character> = ["/", "\\", ":", "*", "?", "\"", "<", ">", "|"]
        var name = ""
        for character in raw {
            if character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == "\u{FFFD}" }) {
                return nil
            }
            name.append(forbidden.contains(character) ? "_" : character)
        }
        name = String(name.drop { $0 == "." || $0.isWhitespace }).trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.utf8.count <= maximumPlateNameBytes else { return nil }
        return name
    }
}
