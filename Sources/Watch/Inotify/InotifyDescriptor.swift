import Glibc

/// libinotifytools opens its descriptor with plain inotify_init(), without close-on-exec, and never hands it
/// out (docs/operations.md §1), so every child process (hooks, helpers) would inherit it. It is found through
/// /proc/self/fd instead and marked close-on-exec after every (re)initialisation.
enum InotifyDescriptor {
    /// Every open inotify descriptor of this process.
    static func openDescriptors() -> [Int32] {
        guard let listing = opendir("/proc/self/fd") else {
            return []
        }
        defer { closedir(listing) }
        var found: [Int32] = []
        var target = [UInt8](repeating: 0, count: 64)
        while let entry = readdir(listing) {
            let name = (UnsafeRawPointer(entry) + MemoryLayout<dirent>.offset(of: \dirent.d_name)!)
                .assumingMemoryBound(to: CChar.self)
            guard let descriptor = Int32(String(cString: name)) else {
                continue
            }
            let length = target.withUnsafeMutableBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { readlink("/proc/self/fd/\(descriptor)", $0.baseAddress!, $0.count) }
            }
            if length > 0, String(decoding: target[..<length], as: UTF8.self) == "anon_inode:inotify" {
                found.append(descriptor)
            }
        }
        return found
    }

    static func markCloseOnExec() {
        for descriptor in openDescriptors() {
            let flags = fcntl(descriptor, F_GETFD)
            if flags >= 0 {
                _ = fcntl(descriptor, F_SETFD, flags | FD_CLOEXEC)
            }
        }
    }
}
