import Layouts

extension PlatePlan {
    /// The path of `absolutePath` relative to this plan's scope, nil when the file lies outside it.
    func pathInScope(_ absolutePath: String) -> String? {
        let prefix = scopeDirectory.hasSuffix("/") ? scopeDirectory : scopeDirectory + "/"
        guard absolutePath.hasPrefix(prefix) else { return nil }
        return String(absolutePath.dropFirst(prefix.count))
    }

    /// Whether the file at `absolutePath` lies in this plan's scope directory or below it.
    func covers(_ absolutePath: String) -> Bool { pathInScope(absolutePath) != nil }
}
