extension WatchRoot {
    /// Rejects root sets a watcher cannot serve; called before anything is started.
    static func validate(_ roots: [WatchRoot]) throws(WatchError) {
        for root in roots {
            try root.validate()
        }
        var pathsByID: [String: [String]] = [:]
        for root in roots {
            pathsByID[root.id, default: []].append(root.path)
        }
        if let (id, paths) = pathsByID.first(where: { $0.value.count > 1 }) {
            throw .duplicateRootID(id: id, paths: paths)
        }
        for outer in roots {
            let prefix = outer.path.hasSuffix("/") ? outer.path : outer.path + "/"
            for inner in roots where inner.id != outer.id && (inner.path == outer.path || inner.path.hasPrefix(prefix)) {
                throw .overlappingRoots(outerID: outer.id, outerPath: outer.path, innerID: inner.id, innerPath: inner.path)
            }
        }
    }

    private func validate() throws(WatchError) {
        if id.isEmpty {
            throw .invalidRoot(id: id, path: path, problem: "the id is empty; give the root a name")
        }
        if !path.hasPrefix("/") {
            throw .invalidRoot(id: id, path: path, problem: "the path is not absolute; write it from / on")
        }
        if quietPeriod < .zero {
            throw .invalidRoot(id: id, path: path, problem: "quietPeriod is negative; use 0 s or more (30 s is typical)")
        }
        if pollInterval <= .zero {
            throw .invalidRoot(id: id, path: path, problem: "pollInterval must be positive (30 s is typical)")
        }
        if rescanInterval <= .zero {
            throw .invalidRoot(id: id, path: path, problem: "rescanInterval must be positive (10 min is typical)")
        }
    }
}
