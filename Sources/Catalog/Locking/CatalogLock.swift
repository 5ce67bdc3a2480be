import Foundation

/// Guarantees one daemon per catalogue: an exclusive `flock` on `<catalogue>.lock`, held until the
/// process exits (the kernel releases it even after SIGKILL). The file holds the holder's pid for the
/// message the second daemon prints.
public final class CatalogLock: Sendable {
    private let descriptor: Int32
    public let path: String

    /// Takes the lock or throws `CatalogError.locked` naming the pid that holds it.
    public init(catalogPath: String) throws(CatalogError) {
        path = catalogPath + ".lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o660)
        guard fd >= 0 else {
            throw .cannotOpen(path: path, detail: String(cString: strerror(errno)))
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = Self.readHolder(fd)
            close(fd)
            throw .locked(path: catalogPath, holder: holder)
        }
        let text = Array("pid \(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        descriptor = fd
    }

    deinit {
        close(descriptor)
    }

    private static func readHolder(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        let text = count > 0 ? String(decoding: buffer[..<count], as: UTF8.self) : ""
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? "unknown pid" : trimmed
    }
}
