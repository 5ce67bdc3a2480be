/// How a root's files are noticed.
public enum WatchMode: Sendable, Hashable {
    /// inotify, unless the root is on a network filesystem (inotify never sees other clients' writes there,
    /// docs/operations.md §2) or inotify cannot be used (no instance, watch limit); then polling.
    case automatic
    /// Always a stat-walk every `pollInterval`, never inotify.
    case polling
}
