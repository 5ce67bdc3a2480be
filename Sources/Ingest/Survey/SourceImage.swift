import FileIdentity
import Layouts

/// An image file of an export and the plane(s) its layout says it holds.
public struct SourceImage: Sendable, Hashable {
    /// The path relative to the export root, as reports show it.
    public let relativePath: String
    public let absolutePath: String
    public let key: ImageKey
    /// The header when already known (the daemon caches it); read from the file otherwise.
    public let header: ImageHeader?
    /// The file as it was when it was found stable; a read that ends with another fingerprint is refused.
    public let fingerprint: FileFingerprint?

    public init(relativePath: String, absolutePath: String, key: ImageKey, header: ImageHeader? = nil,
                fingerprint: FileFingerprint? = nil) {
        self.relativePath = relativePath
        self.absolutePath = absolutePath
        self.key = key
        self.header = header
        self.fingerprint = fingerprint
    }

    /// The same file placed by `plan` (see `PlatePlan.placedKey(_:absolutePath:)`).
    public func placed(by plan: PlatePlan?) -> SourceImage {
        guard let plan else { return self }
        return SourceImage(relativePath: relativePath, absolutePath: absolutePath,
                           key: plan.placedKey(key, absolutePath: absolutePath), header: header, fingerprint: fingerprint)
    }
}
