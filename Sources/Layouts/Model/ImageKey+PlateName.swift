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

    /// Suffix of the companion plate that holds a run's projections (maximum, best focus), so that a
    /// projection never stands in for a z-plane of the run's stack.
    public static let projectionPlateSuffix = "_projection"

    /// The plate that holds the projections of `plate`.
    public static func projectionPlateName(of plate: String) -> String {
        plate.hasSuffix(projectionPlateSuffix) ? plate : plate + projectionPlateSuffix
    }

    /// The plate whose projections `plate` holds; `plate` itself when it is not a projection plate.
    public static func stackPlateName(ofProjectionPlate plate: String) -> String {
        isProjectionPlate(plate) ? String(plate.dropLast(projectionPlateSuffix.count)) : plate
    }

    /// Whether `plate` is a projection plate made by `projectionPlateName(of:)`.
    public static func isProjectionPlate(_ plate: String) -> Bool {
        plate.hasSuffix(projectionPlateSuffix)
    }
}
