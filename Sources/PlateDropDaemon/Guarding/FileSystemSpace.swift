import Foundation

/// The space on the file system holding a folder, as statvfs(3) reports it: cheap enough to ask every loop pass.
struct FileSystemSpace: Equatable {
    /// Tells file systems apart (`st_dev` of the folder).
    let device: UInt64
    /// Bytes an unprivileged writer may still use (`f_bavail`): the daemon does not run as root.
    let freeBytes: Int64
    let sizeBytes: Int64

    /// The space where `path` is, or where it will be created: a folder not made yet is measured at its nearest
    /// existing parent. Nil when even that cannot be measured.
    init?(at path: String) {
        var folder = URL(fileURLWithPath: path).standardizedFileURL.path
        var status = stat()
        while stat(folder, &status) != 0 {
            guard errno == ENOENT, folder != "/" else { return nil }
            folder = (folder as NSString).deletingLastPathComponent
        }
        var info = statvfs()
        guard statvfs(folder, &info) == 0 else { return nil }
        device = UInt64(status.st_dev)
        freeBytes = Int64(info.f_bavail) * Int64(info.f_frsize)
        sizeBytes = Int64(info.f_blocks) * Int64(info.f_frsize)
    }
}
