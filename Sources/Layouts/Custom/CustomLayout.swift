import Foundation

/// A layout from a user's regular expression with named groups, for instruments without a built-in layout.
///
/// The pattern must match the whole path relative to the export root (`/`-separated), e.g.
/// `(?:.*/)?(?<plate>[^/]+)_(?<well>[A-P]\d{2})_s(?<field>\d+)_w(?<channel>\d+)\.tif`. Groups: `plate`,
/// `well` (e.g. "C05", "AF48", "r03c05") or `row` + `column` (row as letters or a number), `field`,
/// `channel`, `z`, `t`, `acquisition`. Numbers are 1-based unless `numbersAreZeroBased`; an absent
/// group means 0, except `z`, which means "the pages of the file are its z-planes" when
/// `pagesAreZPlanes` is set. Without a `plate` group every image belongs to `plateName`.
/// Custom layouts have no plan files.
public struct CustomLayout: InstrumentLayout {
    /// The name given to the layout, used in messages.
    public let name: String
    /// The pattern as given.
    public let pattern: String
    /// Whether the numbers in names count from 0 rather than 1.
    public let numbersAreZeroBased: Bool
    /// Plate of every image when the pattern has no `plate` group.
    public let plateName: String?
    /// Whether a file without a `z` group is a multi-page stack (key z = nil) rather than one plane (z = 0).
    public let pagesAreZPlanes: Bool

    /// Group names the layout understands.
    public static let groupNames: Set<String> = [
        "plate", "well", "row", "column", "field", "channel", "z", "t", "acquisition",
    ]

    private let expression: NSRegularExpression

    /// A layout named `name` from `pattern`; throws when the pattern does not compile, uses unknown group
    /// names, names no well, or has neither a `plate` group nor a `plateName`.
    public init(name: String, pattern: String, numbersAreZeroBased: Bool = false, plateName: String? = nil,
                pagesAreZPlanes: Bool = false) throws(LayoutError) {
        do {
            // Compiled alone first: only a balanced pattern keeps its meaning inside the whole-match wrapper.
            _ = try NSRegularExpression(pattern: pattern)
            expression = try NSRegularExpression(wholeMatching: pattern)
        } catch {
            throw .invalidPattern(layout: name, pattern: pattern, expected: "an ICU regular expression",
                                  found: "a syntax error (\(Self.syntaxProblem(in: pattern)))")
        }
        let found = CaptureGroupNames.names(in: pattern)
        let unknown = found.filter { !Self.groupNames.contains($0) }
        guard unknown.isEmpty else {
            throw .invalidPattern(layout: name, pattern: pattern,
                                  expected: "group names among \(Self.groupNames.sorted().joined(separator: ", "))",
                                  found: unknown.map { "(?<\($0)>…)" }.joined(separator: ", "))
        }
        let groups = Set(found)
        guard groups.contains("well") || (groups.contains("row") && groups.contains("column")) else {
            throw .invalidPattern(layout: name, pattern: pattern,
                                  expected: "a (?<well>…) group or both (?<row>…) and (?<column>…)",
                                  found: found.isEmpty ? "no named groups" : "only \(found.joined(separator: ", "))")
        }
        if !groups.contains("plate") {
            guard let plateName, ImageKey.safePlateName(plateName) != nil else {
                throw .invalidPattern(layout: name, pattern: pattern,
                                      expected: "a (?<plate>…) group or a plate name usable as a directory name",
                                      found: plateName.map { "plate name \"\($0)\"" } ?? "neither")
            }
        }
        self.name = name
        self.pattern = pattern
        self.numbersAreZeroBased = numbersAreZeroBased
        self.plateName = plateName
        self.pagesAreZPlanes = pagesAreZPlanes
    }

    /// An image when the pattern matches the whole path; otherwise unrecognized (images) or ignored.
    public func classify(relativePath: String) -> FileRole {
        let path = RelativePath(relativePath)
        if let reason = CommonFileRules.ignoreReason(for: path) { return .ignored(reason: reason) }
        let normalised = path.components.joined(separator: "/")
        guard let match = expression.wholeMatch(normalised) else {
            return CommonFileRules.unclaimedRole(for: path, layout: name, expected: "a path matching \(pattern)")
        }
        let plateToken = match["plate"] ?? plateName ?? ""
        guard let plate = ImageKey.safePlateName(plateToken) else { return CommonFileRules.rejectedPlate(plateToken) }
        guard let well = well(match) else {
            let token = match["well"] ?? "row \(match["row"] ?? "") column \(match["column"] ?? "")"
            return .unrecognized(reason: "\(path.fileName): \"\(token)\" is not a well (expected e.g. C05, AF48, r03c05)")
        }
        var indices: [String: Int] = [:]
        for group in ["field", "channel", "z", "t", "acquisition"] {
            guard let token = match[group] else { continue }
            guard let index = index(token) else {
                return .unrecognized(reason: "\(path.fileName): \(group) \"\(token)\" is not a "
                    + (numbersAreZeroBased ? "0-based" : "1-based") + " number")
            }
            indices[group] = index
        }
        let z = indices["z"] ?? (pagesAreZPlanes ? nil : 0)
        return .image(ImageKey(plate: plate, well: well, field: indices["field"] ?? 0, channel: indices["channel"] ?? 0,
                               z: z, t: indices["t"] ?? 0, acquisition: indices["acquisition"] ?? 0))
    }

    /// Always throws: custom layouts have no plan files.
    public func readPlan(at path: String) throws(LayoutError) -> PlatePlan {
        throw .unsupportedPlan(path: path, layout: name, expected: "no plan files (a custom layout names images only)")
    }

    /// What is wrong with a pattern ICU rejects: Swift's regex parser names the problem ("expected ')'"),
    /// while NSRegularExpression on Linux only reports an invalid value.
    private static func syntaxProblem(in pattern: String) -> String {
        do {
            _ = try Regex(pattern)
            return "rejected by ICU"
        } catch {
            return "\(error)"
        }
    }

    /// The 0-based index of a number token.
    private func index(_ token: String) -> Int? {
        guard let number = Int(token) else { return nil }
        let index = numbersAreZeroBased ? number : number - 1
        return index >= 0 ? index : nil
    }

    private func well(_ match: NamedCaptures) -> WellPosition? {
        if let token = match["well"] { return WellPosition(parsing: token) }
        guard let rowToken = match["row"], let columnToken = match["column"], let column = index(columnToken) else { return nil }
        if let row = index(rowToken) { return WellPosition(row: row, column: column) }
        // A row in letters ("C", "AF") is read as the row of that letter's well in column 1.
        return WellPosition(parsing: "\(rowToken)1").map { WellPosition(row: $0.row, column: column) }
    }
}
