import Foundation

/// An exclusive `flock` on a lock file, held while the object lives or until the process ends (the kernel drops
/// it even after SIGKILL). The file names its holder (`pid N`) for the message a refused process prints.
public final class ExclusiveFileLock: Sendable {
    public enum Failure: Error, Sendable, Equatable {
        /// Another open of the file holds the lock; `holder` is what it wrote there.
        case held(holder: String)
        case cannotOpen(detail: String)
    }

    public let path: String
    private let descriptor: Int32
    private let removesFile: Bool

    /// Takes the lock without waiting. With `removesFileOnRelease` the file goes with the lock, so nothing
    /// is left beside what it guards; a process that opened the file just before it was removed then holds
    /// a lock nobody else can see, which is why the lock counts only while the path names the locked file.
    public init(path: String, mode: mode_t = 0o644, removesFileOnRelease: Bool = false) throws(Failure) {
        self.path = path
        removesFile = removesFileOnRelease
        while true {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, mode)
            guard fd >= 0 else { throw .cannotOpen(detail: String(cString: strerror(errno))) }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
                let holder = Self.readHolder(fd)
                close(fd)
                throw .held(holder: holder)
            }
            guard Self.pathNames(fd, path) else {
                close(fd)
                continue
            }
            let text = Array("pid \(getpid())\n".utf8)
            _ = ftruncate(fd, 0)
            _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
            descriptor = fd
            return
        }
    }

    deinit {
        if removesFile { unlink(path) }
        close(descriptor)
    }

    /// Whether `path` still names the file open as `fd` (the holder before may have removed it meanwhile).
    private static func pathNames(_ fd: Int32, _ path: String) -> Bool {
        var open = stat(), named = stat()
        return fstat(fd, &open) == 0 && stat(path, &named) == 0 && open.st_dev == named.st_dev && open.st_ino == named.st_ino
    }

    private static func readHolder(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        let text = count > 0 ? String(decoding: buffer[..<count], as: UTF8.self) : ""
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? "unknown pid" : trimmed
    }
}
