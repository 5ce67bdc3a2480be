/// What reaches the engine thread: hints and watch outcomes from the inotify thread, requests from callers.
enum EngineMessage: Sendable {
    /// An event named this path; stat it before believing anything.
    case pathTouched(rootID: String, relativePath: String)
    /// A directory got its watches; list it for files written before they existed.
    case directoryWatched(rootID: String, relativePath: String)
    case rootWatched(rootID: String)
    case rootWatchFailed(rootID: String, failure: WatchFailure)
    /// The inotify session is being rebuilt; these roots lose events until they are watched and walked again.
    case resyncStarted(rootIDs: [String], reason: String)
    case rescanRequested(rootID: String?)
}

/// Why the inotify thread could not watch a root.
enum WatchFailure: Sendable, Equatable {
    case rootUnusable(reason: String)
    case watchLimitReached(maxUserWatches: Int?)
    case inotifyUnavailable(reason: String)
}
