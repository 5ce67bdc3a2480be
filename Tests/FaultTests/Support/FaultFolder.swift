import Foundation
import PlateDropTestSupport
import Zarr

/// A fresh folder under /tmp, world-traversable (so a daemon run as `nobody` can reach what a test grants it),
/// removed with everything in it when released.
final class FaultFolder: Sendable {
    let path: String
    private let keepable: Bool

    /// `keepable`: whether PLATEDROP_FAULTS_KEEP=1 keeps it (not for the scratch folders of CLI calls).
    init(prefix: String = "work", keepable: Bool = true) throws {
        self.keepable = keepable
        path = "/tmp/platedrop-faults-\(prefix)-" + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        chmod(path, 0o755)
    }

    /// `path/relative`, created (with its parents) when absent.
    @discardableResult
    func folder(_ relative: String) throws -> String {
        let full = path + "/" + relative
        try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
        return full
    }

    deinit {
        // PLATEDROP_FAULTS_KEEP=1 keeps every work folder (daemon.log, catalogue, outputs) for a post-mortem.
        if keepable, ProcessInfo.processInfo.environment["PLATEDROP_FAULTS_KEEP"] == "1" { return }
        // Undo modes a test set to make something unreadable, so removal cannot fail half-way.
        _ = try? Self.run(["/bin/chmod", "-R", "u+rwX", path])
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Creates `count` empty files `note_<n>.txt`, n from `first`, in `folder` (made if absent): the cheapest
    /// way to queue inotify events.
    static func createEmptyFiles(count: Int, in folder: String, from first: Int = 0) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for index in first..<(first + count) {
            let descriptor = open(folder + "/note_\(index).txt", O_WRONLY | O_CREAT | O_EXCL, 0o644)
            guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: folder]) }
            close(descriptor)
        }
    }

    /// Runs a helper program to completion; returns its exit status and combined output.
    @discardableResult
    static func run(_ argv: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: argv[0])
        process.arguments = Array(argv.dropFirst())
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// Everything observable about a folder tree: paths, kinds, sizes, modes, modification times and bytes
/// (symbolic links by their target, never followed).
struct TreeSnapshot: Equatable {
    struct Entry: Equatable {
        let kind: String
        let size: Int
        let mode: UInt32
        let modifiedNanoseconds: Int
        let inode: UInt64
        let contents: [UInt8]
    }

    let entries: [String: Entry]

    init(of root: String) {
        var entries: [String: Entry] = [:]
        Self.walk(Array(root.utf8), relative: [], into: &entries)
        self.entries = entries
    }

    /// Byte-exact walk (opendir/readdir/lstat on raw names), so names that are not UTF-8 are seen too;
    /// such a name appears in the key with its bytes in hex.
    private static func walk(_ directory: [UInt8], relative: [UInt8], into entries: inout [String: Entry]) {
        guard let handle = withCPath(directory, { opendir($0) }) else { return }
        var names: [[UInt8]] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if name != [46] && name != [46, 46] { names.append(name) }
        }
        closedir(handle)
        for name in names {
            let path = directory + [47] + name
            let keyBytes = relative.isEmpty ? name : relative + [47] + name
            var status = stat()
            guard withCPath(path, { lstat($0, &status) }) == 0 else { continue }
            let type = status.st_mode & S_IFMT
            let kind: String, contents: [UInt8]
            switch type {
            case S_IFDIR:
                kind = "directory"
                contents = []
            case S_IFLNK:
                kind = "symlink"
                var buffer = [UInt8](repeating: 0, count: 4096)
                let count = withCPath(path) { cPath in buffer.withUnsafeMutableBytes { readlink(cPath, $0.baseAddress!.assumingMemoryBound(to: CChar.self), 4096) } }
                contents = Array(buffer.prefix(max(0, count)))
            case S_IFREG:
                kind = "file"
                contents = readAll(path, size: Int(status.st_size))
            default:
                kind = "special"
                contents = []
            }
            entries[Self.key(keyBytes)] = Entry(
                kind: kind, size: Int(status.st_size), mode: UInt32(status.st_mode),
                modifiedNanoseconds: status.st_mtim.tv_sec * 1_000_000_000 + status.st_mtim.tv_nsec,
                inode: UInt64(status.st_ino), contents: contents)
            if type == S_IFDIR { walk(path, relative: keyBytes, into: &entries) }
        }
    }

    static func key(_ bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return String(decoding: bytes, as: UTF8.self) + " <non-UTF-8 " + bytes.map { String(format: "%02x", $0) }.joined() + ">"
    }

    static func withCPath<T>(_ path: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
        (path + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
        }
    }

    /// Files up to this size are kept whole (a differing byte shows in the failure); larger ones by checksum,
    /// so a multi-gigabyte export is compared without holding it in memory.
    static let wholeFileLimit = 4 << 20

    private static func readAll(_ path: [UInt8], size: Int) -> [UInt8] {
        let descriptor = withCPath(path) { open($0, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else { return Array("<unreadable>".utf8) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var crc: UInt32 = 0
        var total = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            total += count
            if size <= wholeFileLimit {
                bytes += chunk[..<count]
            } else {
                crc = chunk.withUnsafeBytes { CRC32C.update(crc, with: UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            }
        }
        return size <= wholeFileLimit ? bytes : Array("crc32c \(crc), \(total) bytes".utf8)
    }

    /// Paths added, removed or changed in any way.
    func differences(to later: TreeSnapshot) -> [String] {
        Set(entries.keys).union(later.entries.keys).filter { entries[$0] != later.entries[$0] }.sorted()
    }
}

/// Polls `condition` until it holds or a `Patience` of `seconds` is spent; returns whether it held.
func eventually(seconds: Double, every interval: Double = 0.25, _ condition: () async throws -> Bool) async rethrows -> Bool {
    try await Patience.wait(seconds: seconds, every: .milliseconds(Int(interval * 1000)), until: condition)
}

/// Polls `condition` on a thread of its own: a transient state (a staging folder that lives a few seconds)
/// is caught even while other suites keep the cooperative pool busy.
func eventuallyOnThread(seconds: Double, every interval: Double, _ condition: @escaping @Sendable () -> Bool) async -> Bool {
    await withCheckedContinuation { continuation in
        let poller = Thread {
            var patience = Patience(seconds: seconds)
            while !patience.isExhausted() {
                if condition() {
                    continuation.resume(returning: true)
                    return
                }
                Thread.sleep(forTimeInterval: interval)
            }
            continuation.resume(returning: condition())
        }
        poller.start()
    }
}
