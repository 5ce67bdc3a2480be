import Catalog
import Config
import Foundation
import Zarr

/// Starts the configured hooks with their JSON summary on standard input and reaps them when they end. Every
/// start (or failure to start) and every exit is an audit event (hook-start, hook-exit); nothing here blocks
/// the daemon's loop or throws because a hook misbehaves.
struct HookRunner {
    private let commands: [Hook: [String]]
    /// Hooks started and not yet reaped.
    private var running: [pid_t: Hook] = [:]

    init(settings: DaemonSettings) {
        commands = Dictionary(uniqueKeysWithValues: Hook.allCases.map { ($0, $0.command(in: settings)) })
    }

    /// Starts `hook` with `summary` on its standard input and `appending` after its configured words, and records
    /// that it started or why it could not (hook-start) in `transaction`. Returns a line saying which, or nil
    /// when the hook is not configured.
    @discardableResult
    mutating func run(_ hook: Hook, summary: JSONValue, appending extra: [String] = [], plate: Int64? = nil,
                      in transaction: CatalogTransaction) throws -> String? {
        guard let command = commands[hook], !command.isEmpty else { return nil }
        do {
            let pid = try ProcessSpawner.start(command + extra, input: summary.prettyBytes())
            running[pid] = hook
            let line = "\(hook.rawValue) started (pid \(pid))"
            try transaction.log(.info, .hookStart, plate: plate, "\(line) for a \(summary["event"]?.stringValue ?? "") event")
            return line
        } catch {
            let line = "\(hook.rawValue) could not start: \(error)"
            try transaction.log(.error, .hookStart, plate: plate, line)
            return line
        }
    }

    /// Reaps the hooks that have ended and records how each ended (hook-exit).
    mutating func reap(_ catalog: Catalog) {
        for (pid, hook) in running {
            var status: Int32 = 0
            guard waitpid(pid, &status, WNOHANG) == pid else { continue }
            running[pid] = nil
            // wait(2) status: the low 7 bits are the terminating signal, else the exit code is in bits 8–15.
            let signal = status & 0x7F
            let code = (status >> 8) & 0xFF
            let ending = signal == 0 ? "exited with status \(code)" : "was killed by signal \(signal)"
            let level: EventLevel = signal == 0 && code == 0 ? .info : .warning
            _ = try? catalog.write { transaction in
                try transaction.log(level, .hookExit, "\(hook.rawValue) (pid \(pid)) \(ending)")
            }
        }
    }
}
