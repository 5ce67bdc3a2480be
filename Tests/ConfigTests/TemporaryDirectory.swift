import Foundation

/// A fresh directory under the system temporary directory, removed with everything in it when the value goes away.
struct TemporaryDirectory: ~Copyable {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("ConfigTests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The path of `relativePath` inside the directory.
    func file(_ relativePath: String) -> String {
        path + "/" + relativePath
    }
}
