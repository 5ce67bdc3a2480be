import FileIdentity
import Glibc

/// What one name in a watched tree is, as far as the watcher cares.
enum PathEntry: Equatable {
    case file(FileFingerprint)
    case directory(DirectoryIdentity)
    case skipped(reason: String)
    /// stat failed for another reason than absence (EACCES): the file may well still be there.
    case inaccessible(reason: String)
    case missing

    /// Examines `path` with lstat, or stat when symbolic links are followed.
    static func read(atPath path: String, followingSymlinks: Bool) -> PathEntry {
        var status = stat()
        let result = followingSymlinks ? stat(path, &status) : lstat(path, &status)
        guard result == 0 else {
            return failure(errno, followingSymlinks: followingSymlinks) { lstatSucceeds(path) }
        }
        return classify(status, followingSymlinks: followingSymlinks)
    }

    /// Examines `name` inside the open directory `directory` with fstatat (no symlink follow unless configured).
    static func read(name: UnsafePointer<CChar>, in directory: Int32, followingSymlinks: Bool) -> PathEntry {
        var status = stat()
        let flags = followingSymlinks ? 0 : AT_SYMLINK_NOFOLLOW
        guard fstatat(directory, name, &status, flags) == 0 else {
            return failure(errno, followingSymlinks: followingSymlinks) {
                var link = stat()
                return fstatat(directory, name, &link, AT_SYMLINK_NOFOLLOW) == 0
            }
        }
        return classify(status, followingSymlinks: followingSymlinks)
    }

    static func classify(_ status: stat, followingSymlinks: Bool) -> PathEntry {
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            .file(FileFingerprint(status))
        case S_IFDIR:
            .directory(DirectoryIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino)))
        case S_IFLNK:
            .skipped(reason: "symbolic link, not followed (followSymlinks is off)")
        case S_IFIFO:
            .skipped(reason: "not a regular file (named pipe)")
        case S_IFSOCK:
            .skipped(reason: "not a regular file (socket)")
        case S_IFCHR:
            .skipped(reason: "not a regular file (character device)")
        case S_IFBLK:
            .skipped(reason: "not a regular file (block device)")
        default:
            .skipped(reason: "not a regular file")
        }
    }

    private static func failure(_ code: Int32, followingSymlinks: Bool, linkExists: () -> Bool) -> PathEntry {
        if code == ENOENT || code == ELOOP, followingSymlinks, linkExists() {
            return .skipped(reason: "symbolic link whose target is missing or loops")
        }
        if code == ENOENT || code == ENOTDIR {
            return .missing
        }
        return .inaccessible(reason: "cannot be examined (\(systemErrorText(code)))")
    }

    private static func lstatSucceeds(_ path: String) -> Bool {
        var link = stat()
        return lstat(path, &link) == 0
    }
}

