import Foundation

/// Free and total space of the file system holding a folder, as an unprivileged writer sees it.
struct DiskSpace: Sendable {
    let freeBytes: UInt64
    let totalBytes: UInt64

    /// Nil when the folder cannot be examined (not there yet, no permission).
    init?(path: String) {
        var stats = statvfs()
        guard statvfs(path, &stats) == 0 else { return nil }
        let unit = UInt64(stats.f_frsize)
        freeBytes = UInt64(stats.f_bavail) * unit
        totalBytes = UInt64(stats.f_blocks) * unit
    }
}
