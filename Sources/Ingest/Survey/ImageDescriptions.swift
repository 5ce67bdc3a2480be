import FileIdentity
import Synchronization
import TIFF

/// TIFF ImageDescriptions by path, kept while the file's fingerprint is unchanged: the daemon surveys a
/// plate again for every write, and the headers of files it has seen are not read again.
final class ImageDescriptions: Sendable {
    static let shared = ImageDescriptions()

    /// Entries kept at most; a long-running daemon sees millions of files, a plate a few hundred thousand.
    private static let capacity = 500_000
    private let entries = Mutex<[String: (fingerprint: FileFingerprint, description: String?)]>([:])

    /// The description of the first page of the TIFF at `absolutePath`; nil when it has none or cannot be
    /// read (reading its pixels then rejects it with the reason). Cached only when `fingerprint` is known.
    func description(ofImageAt absolutePath: String, fingerprint: FileFingerprint?) -> String? {
        if let fingerprint, let cached = entries.withLock({ $0[absolutePath] }), cached.fingerprint == fingerprint {
            return cached.description
        }
        let description = Self.read(absolutePath)
        if let fingerprint {
            entries.withLock { entries in
                if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
                entries[absolutePath] = (fingerprint, description)
            }
        }
        return description
    }

    func description(of image: SourceImage) -> String? {
        description(ofImageAt: image.absolutePath, fingerprint: image.fingerprint)
    }

    private static func read(_ path: String) -> String? {
        do {
            return try TIFFFile(path: path).imageDescription(page: 0)
        } catch {
            return nil
        }
    }
}
