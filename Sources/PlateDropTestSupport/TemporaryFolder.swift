import Foundation

/// A fresh folder under the system temporary directory, removed with everything in it when released.
public final class TemporaryFolder: Sendable {
    public let path: String

    /// The folder's name starts with `prefix`, so a leftover tells which suite made it.
    public init(prefix: String = "platedrop-e2e") throws {
        path = FileManager.default.temporaryDirectory.path + "/" + prefix + "-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}
