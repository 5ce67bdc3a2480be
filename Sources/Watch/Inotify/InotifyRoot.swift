/// A root as the inotify thread knows it: enough to map event paths back to (root, relative path).
struct InotifyRoot: Sendable, Equatable {
    let id: String
    let path: String

    /// `path` + "/", the prefix of every path below the root.
    var prefix: String {
        path.hasSuffix("/") ? path : path + "/"
    }

    func absolute(_ relativePath: String) -> String {
        relativePath.isEmpty ? path : prefix + relativePath
    }

    /// The path relative to this root, or nil when `path` lies elsewhere.
    func relativePath(of path: String) -> String? {
        if path == self.path {
            return ""
        }
        let prefix = prefix
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : nil
    }
}
