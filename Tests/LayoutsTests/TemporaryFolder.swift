import Foundation

/// A folder under the system temp directory that tests fill with plan files and empty images.
struct TemporaryFolder {
    let path: String

    init() throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("LayoutsTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `text` (UTF-8) at `relativePath`, creating folders; returns the full path.
    @discardableResult
    func write(_ text: String, to relativePath: String) throws -> String {
        try write(Data(text.utf8), to: relativePath)
    }

    /// Writes `bytes` at `relativePath`, creating folders; returns the full path.
    @discardableResult
    func write(_ bytes: Data, to relativePath: String) throws -> String {
        let full = (path as NSString).appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try bytes.write(to: URL(fileURLWithPath: full))
        return full
    }

    /// Creates empty files at each relative path.
    func touch(_ relativePaths: [String]) throws {
        for relativePath in relativePaths { try write(Data(), to: relativePath) }
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
