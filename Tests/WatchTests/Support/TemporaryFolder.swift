import Foundation

/// A fresh folder under the system temporary directory, removed with everything in it when the value goes away.
struct TemporaryFolder: ~Copyable {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("WatchTests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The path of `relativePath` inside the folder.
    func file(_ relativePath: String) -> String {
        path + "/" + relativePath
    }
}
