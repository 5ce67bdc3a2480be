import Layouts

/// An image file of an export and the plane(s) its layout says it holds.
struct SourceImage: Sendable, Hashable {
    /// The path relative to the export root, as reports show it.
    let relativePath: String
    let absolutePath: String
    let key: ImageKey
}
