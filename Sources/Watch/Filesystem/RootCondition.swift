internal import CInotifyTools
import Glibc

/// Whether a root folder can be observed right now, and on what kind of filesystem it lives.
enum RootCondition: Equatable {
    case usable(DirectoryIdentity, networkFilesystem: String?)
    case unusable(reason: String)

    static func inspect(_ path: String) -> RootCondition {
        var status = stat()
        guard stat(path, &status) == 0 else {
            let code = errno
            return .unusable(reason: code == ENOENT ? "\(path) does not exist" : "\(path) cannot be examined (\(systemErrorText(code)))")
        }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            return .unusable(reason: "\(path) is not a folder")
        }
        var filesystem = statfs()
        guard statfs(path, &filesystem) == 0 else {
            return .unusable(reason: "\(path) cannot be examined (\(systemErrorText(errno)))")
        }
        let identity = DirectoryIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
        return .usable(identity, networkFilesystem: NetworkFilesystem.name(forType: filesystem.f_type))
    }
}
