/// A file named by its path relative to a watched folder: a catalogued file, or one just sighted.
public protocol WatchedFile {
    var relativePath: String { get }
}

extension WatchedFile {
    /// Where the file is, in the watched folder at `rootPath`.
    public func absolutePath(under rootPath: String) -> String {
        rootPath + "/" + relativePath
    }
}
