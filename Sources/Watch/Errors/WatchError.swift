/// Why a `FolderWatcher` cannot be set up or started; each message names the folder and what to do.
public enum WatchError: Error, CustomStringConvertible, Sendable, Equatable {
    case invalidRoot(id: String, path: String, problem: String)
    case duplicateRootID(id: String, paths: [String])
    case overlappingRoots(outerID: String, outerPath: String, innerID: String, innerPath: String)
    case alreadyStarted(paths: [String])
    /// libinotifytools keeps all its state in process globals, so only one watcher may run per process.
    case anotherWatcherRunning(paths: [String])

    public var description: String {
        switch self {
        case let .invalidRoot(id, path, problem):
            "watch root '\(id)' (\(path)): \(problem)"
        case let .duplicateRootID(id, paths):
            "watch roots \(paths.joined(separator: ", ")) share the id '\(id)'; give each root its own id"
        case let .overlappingRoots(outerID, outerPath, innerID, innerPath):
            "watch root '\(innerID)' (\(innerPath)) lies inside watch root '\(outerID)' (\(outerPath)); "
                + "its files would be reported twice. Remove one of them or watch sibling folders instead"
        case let .alreadyStarted(paths):
            "the watcher for \(paths.joined(separator: ", ")) was already started; "
                + "a stopped watcher cannot be restarted, create a new FolderWatcher"
        case let .anotherWatcherRunning(paths):
            "cannot watch \(paths.joined(separator: ", ")): another FolderWatcher is running in this process "
                + "(libinotifytools is process-global); stop it first or give it these roots"
        }
    }
}
