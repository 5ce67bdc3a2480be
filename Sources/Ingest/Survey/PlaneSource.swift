import FileIdentity

/// Where one plane of a field comes from: a page of a source file, and its place in the field array.
struct PlaneSource: Sendable, Hashable {
    let relativePath: String
    let absolutePath: String
    let page: Int
    /// Positions in the plate-wide sorted index lists (not the instrument's raw numbers).
    let field: Int
    let timepoint: Int
    let channel: Int
    let zPlane: Int
    /// The file's fingerprint when it was found stable, if known.
    let fingerprint: FileFingerprint?
}
