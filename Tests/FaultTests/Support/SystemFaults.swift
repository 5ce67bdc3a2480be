import Foundation
import Testing

/// Root-only changes to the machine, each undone by its `undo()` (call it in a `defer`).
enum SystemFaults {
    /// A small tmpfs mounted on `path` (created if absent).
    struct Tmpfs {
        let path: String

        init(at path: String, size: String) throws {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            let mounted = try FaultFolder.run(["/bin/mount", "-t", "tmpfs", "-o", "size=\(size),mode=0755", "tmpfs", path])
            try #require(mounted.status == 0, "mount tmpfs on \(path): \(mounted.output)")
            self.path = path
        }

        /// Grows (or shrinks) the mounted tmpfs in place; files stay.
        func resize(_ size: String) throws {
            let result = try FaultFolder.run(["/bin/mount", "-o", "remount,size=\(size)", path])
            try #require(result.status == 0, "remount \(path): \(result.output)")
        }

        var availableBytes: Int {
            var info = statvfs()
            guard statvfs(path, &info) == 0 else { return -1 }
            return Int(info.f_bavail) * Int(info.f_frsize)
        }

        func undo() {
            _ = try? FaultFolder.run(["/bin/umount", "-l", path])
        }
    }

    /// `path` bind-mounted on itself read-only (EROFS for every writer, root included).
    struct ReadOnlyBind {
        let path: String

        init(_ path: String) throws {
            let bind = try FaultFolder.run(["/bin/mount", "--bind", path, path])
            try #require(bind.status == 0, "bind mount \(path): \(bind.output)")
            let readOnly = try FaultFolder.run(["/bin/mount", "-o", "remount,ro,bind", path])
            if readOnly.status != 0 { _ = try? FaultFolder.run(["/bin/umount", path]) }
            try #require(readOnly.status == 0, "remount ro \(path): \(readOnly.output)")
            self.path = path
        }

        func undo() {
            _ = try? FaultFolder.run(["/bin/umount", "-l", path])
        }
    }

    /// Gives `paths` (recursively) to uid/gid 65534.
    static func giveToNobody(_ paths: String...) throws {
        for path in paths {
            let result = try FaultFolder.run(["/bin/chown", "-R", "65534:65534", path])
            try #require(result.status == 0, "chown \(path): \(result.output)")
        }
    }
}

/// Tests that change the machine (mounts, ownership) need root; they are skipped otherwise.
let runningAsRoot = getuid() == 0

/// Whether a tmpfs can be mounted here: root is not enough in a container without CAP_SYS_ADMIN. Tried once, on
/// a scratch folder, so a test that needs it is skipped with the reason instead of failing on its first mount.
let tmpfsMountable: Bool = {
    guard runningAsRoot else { return false }
    let probe = FileManager.default.temporaryDirectory.appendingPathComponent("tmpfs-probe-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: probe) }
    guard (try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)) != nil,
          let mounted = try? FaultFolder.run(["/bin/mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", probe]), mounted.status == 0
    else { return false }
    _ = try? FaultFolder.run(["/bin/umount", probe])
    return true
}()

/// Soak variants (100 crash trials, long writes) run only with PLATEDROP_SOAK=1 (scripts/soak.sh).
let soakEnabled = ProcessInfo.processInfo.environment["PLATEDROP_SOAK"] == "1"
