import Foundation

/// A Zarr store on the local file system, rooted at a directory.
///
/// Keys are "/"-separated relative paths. Every write is atomic: readers see the old file or the
/// new one, never a partial file, because data goes to a temp file that is renamed over the key.
public struct FileStore: Sendable {
    /// The directory holding the store.
    public let root: String

    /// A store rooted at `root` (created on the first write if absent).
    public init(root: String) {
        self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
    }

    /// The file-system path of `key`, for messages and external tools.
    public func location(of key: String) -> String {
        key.isEmpty ? root : root + "/" + key
    }

    /// Atomically replaces the file at `key` with `bytes`, creating parent directories.
    ///
    /// `durable` also fsyncs the file and its directory so the write survives a power loss.
    public func write(_ bytes: [UInt8], to key: String, durable: Bool = false) throws(ZarrError) {
        try bytes.withBytes { buffer throws(ZarrError) in
            try write(buffer, to: key, durable: durable)
        }
    }

    /// Atomically replaces the file at `key` with the bytes of `buffer`; see `write(_:to:durable:)`.
    public func write(_ buffer: UnsafeRawBufferPointer, to key: String, durable: Bool = false) throws(ZarrError) {
        try replace(key, durable: durable) { descriptor, temporary throws(ZarrError) in
            try writeAll(buffer, to: descriptor, path: temporary)
        }
    }

    /// Atomically replaces the file at `key` with `payload.bytes`, written around the page cache when
    /// it is large and the file system supports O_DIRECT, else through it.
    func write(_ payload: AlignedPayload, to key: String, durable: Bool = false) throws(ZarrError) {
        try replace(key, durable: durable) { descriptor, temporary throws(ZarrError) in
            try writeDirect(payload, to: descriptor, path: temporary)
        }
    }

    /// Writes a temp file beside `key` with `fill`, then renames it over `key`.
    private func replace(
        _ key: String, durable: Bool, fill: (Int32, String) throws(ZarrError) -> Void
    ) throws(ZarrError) {
        let components = try validatedComponents(key)
        let directory = location(of: components.dropLast().joined(separator: "/"))
        let target = location(of: key)
        let created = try makeDirectories(directory)
        let temporary = directory + "/." + components.last! + ".tmp-\(getpid())-" + String(UInt64.random(in: .min ... .max), radix: 16)

        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure("create", temporary) }
        do throws(ZarrError) {
            try fill(descriptor, temporary)
            if durable, fsync(descriptor) != 0 { throw failure("fsync", temporary) }
            guard close(descriptor) == 0 else { throw failure("close", temporary) }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, target) == 0 else {
            let error = failure("rename to \(target)", temporary)
            unlink(temporary)
            throw error
        }
        if durable {
            try syncDirectory(directory)
            // New directories are only durable once their own parents record them.
            for createdDirectory in created {
                try syncDirectory((createdDirectory as NSString).deletingLastPathComponent)
            }
        }
    }

    /// The bytes stored at `key`, or nil if there is no such file.
    public func read(_ key: String) throws(ZarrError) -> [UInt8]? {
        _ = try validatedComponents(key)
        let path = location(of: key)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw failure("open", path)
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure("stat", path) }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw ZarrError(path: path, .fileSystem(operation: "read (not a regular file)", code: EISDIR))
        }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        var filled = 0
        while true {
            if filled == bytes.count {
                bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count / 2)))
            }
            let result = bytes.withUnsafeMutableBytes { buffer in
                Foundation.read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw failure("read", path)
            }
            if result == 0 { break }
            filled += result
        }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }

    /// Whether a file or directory exists at `key` ("" is the root).
    public func exists(_ key: String) throws(ZarrError) -> Bool {
        if !key.isEmpty { _ = try validatedComponents(key) }
        var status = stat()
        return stat(location(of: key), &status) == 0
    }

    /// Names of the entries directly inside the directory `key` ("" is the root), sorted;
    /// in-flight temp files are left out. A missing directory lists as empty.
    public func list(_ key: String) throws(ZarrError) -> [String] {
        if !key.isEmpty { _ = try validatedComponents(key) }
        return try entries(of: location(of: key))?.filter { !Self.isTemporaryName($0) } ?? []
    }

    /// Deletes the file or directory tree at `key`; a missing key is not an error.
    public func removeTree(_ key: String) throws(ZarrError) {
        _ = try validatedComponents(key)
        try removeRecursively(location(of: key))
    }

    /// Whether `name` is one of this store's temp files (`.<name>.tmp-<pid>-<random>`).
    public static func isTemporaryName(_ name: String) -> Bool {
        name.hasPrefix(".") && name.contains(".tmp-")
    }

    /// Splits `key` into components, rejecting anything that could escape the root or alias another key.
    private func validatedComponents(_ key: String) throws(ZarrError) -> [Substring] {
        let reject = { (reason: String) in ZarrError(path: root, .invalidKey(key: key, reason: reason)) }
        guard !key.isEmpty else { throw reject("empty key") }
        guard !key.utf8.contains(0) else { throw reject("contains a NUL byte") }
        let components = key.split(separator: "/", omittingEmptySubsequences: false)
        guard !components.contains(where: \.isEmpty) else { throw reject("empty path component") }
        guard !components.contains(where: { $0 == ".." || $0 == "." }) else { throw reject("\".\" or \"..\" component") }
        return components
    }

    /// Creates `directory` and missing ancestors; returns the directories it created, outermost first.
    private func makeDirectories(_ directory: String) throws(ZarrError) -> [String] {
        if mkdir(directory, 0o755) == 0 { return [directory] }
        switch errno {
        case EEXIST:
            return []
        case ENOENT:
            let parent = (directory as NSString).deletingLastPathComponent
            guard !parent.isEmpty, parent != directory else { throw failure("mkdir", directory) }
            let created = try makeDirectories(parent)
            guard mkdir(directory, 0o755) == 0 || errno == EEXIST else { throw failure("mkdir", directory) }
            return created + [directory]
        default:
            throw failure("mkdir", directory)
        }
    }

    private func writeAll(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32, path: String) throws(ZarrError) {
        var written = 0
        while written < buffer.count {
            let result = Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            if result < 0 {
                if errno == EINTR { continue }
                throw failure("write", path)
            }
            written += result
        }
    }

    /// Writes the padded payload with O_DIRECT and truncates the padding away. A file system that refuses
    /// O_DIRECT (tmpfs, some network and FUSE file systems) or its alignment gets the bytes written
    /// through the page cache instead.
    private func writeDirect(_ payload: AlignedPayload, to descriptor: Int32, path: String) throws(ZarrError) {
        let flags = fcntl(descriptor, F_GETFL)
        guard payload.bytes.count >= DirectIO.minimumSize, let direct = DirectIO.openFlag, flags >= 0,
              fcntl(descriptor, F_SETFL, flags | direct) == 0
        else {
            return try writeAll(payload.bytes, to: descriptor, path: path)
        }
        var written = 0
        while written < payload.padded.count {
            let result = Foundation.write(descriptor, payload.padded.baseAddress! + written, payload.padded.count - written)
            if result >= 0 {
                written += result
            } else if errno == EINVAL {
                // Misaligned for this device after all: start over through the page cache.
                guard fcntl(descriptor, F_SETFL, flags) == 0, ftruncate(descriptor, 0) == 0, lseek(descriptor, 0, SEEK_SET) == 0
                else { throw failure("fall back from direct I/O", path) }
                return try writeAll(payload.bytes, to: descriptor, path: path)
            } else if errno != EINTR {
                throw failure("write", path)
            }
        }
        guard ftruncate(descriptor, off_t(payload.bytes.count)) == 0 else { throw failure("truncate", path) }
    }

    private func syncDirectory(_ directory: String) throws(ZarrError) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("open directory", directory) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw failure("fsync directory", directory) }
    }

    private func entries(of directory: String) throws(ZarrError) -> [String]? {
        guard let handle = opendir(directory) else {
            if errno == ENOENT { return nil }
            throw failure("opendir", directory)
        }
        defer { closedir(handle) }
        var names: [String] = []
        errno = 0
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        guard errno == 0 else { throw failure("readdir", directory) }
        return names.sorted()
    }

    private func removeRecursively(_ path: String) throws(ZarrError) {
        var status = stat()
        guard lstat(path, &status) == 0 else {
            if errno == ENOENT { return }
            throw failure("lstat", path)
        }
        if status.st_mode & S_IFMT == S_IFDIR {
            for name in try entries(of: path) ?? [] {
                try removeRecursively(path + "/" + name)
            }
            guard rmdir(path) == 0 || errno == ENOENT else { throw failure("rmdir", path) }
        } else {
            guard unlink(path) == 0 || errno == ENOENT else { throw failure("unlink", path) }
        }
    }

    private func failure(_ operation: String, _ path: String) -> ZarrError {
        ZarrError(path: path, .fileSystem(operation: operation, code: errno))
    }
}
