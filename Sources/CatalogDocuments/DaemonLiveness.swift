import Catalog
import Foundation

/// Whether the daemon that last wrote the catalogue still runs, as `status` and the web view tell it.
public enum DaemonLiveness {
    /// A heartbeat older than this means the daemon is gone (it beats every 2 s).
    public static let heartbeatTimeout = 15.0

    /// Alive: a recent heartbeat from a process that still exists and did not say it stopped.
    public static func isAlive(_ daemon: DaemonRecord?) -> Bool {
        guard let daemon, daemon.stoppedAt == nil else { return false }
        let fresh = Date().timeIntervalSince1970 - daemon.heartbeatAt < heartbeatTimeout
        return fresh && (kill(daemon.pid, 0) == 0 || errno == EPERM)
    }
}
