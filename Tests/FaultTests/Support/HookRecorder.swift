import Foundation
import Zarr

/// A hook script for tests: each run leaves its arguments (NUL-separated) and its standard input in a folder of
/// its own, so a test asserts exactly what the daemon handed over.
struct HookRecorder {
    /// One run of the hook.
    struct Run {
        let arguments: [String]
        let summary: JSONValue
    }

    let script: String
    let folder: String

    init(in work: FaultFolder) throws {
        folder = try work.folder("hook-runs")
        script = work.path + "/record-hook.sh"
        // Files appear whole (renamed into place), so a reader never sees half a run.
        try Data("""
            #!/bin/sh
            run="\(folder)/run.$$"
            printf '%s\\0' "$@" > "$run.argv.tmp"
            cat > "$run.json.tmp"
            mv "$run.json.tmp" "$run.json"
            mv "$run.argv.tmp" "$run.argv"
            """.utf8).write(to: URL(fileURLWithPath: script))
        chmod(script, 0o755)
    }

    /// The configured words of a hook whose runs are told apart by `label`, their first argument.
    func command(_ label: String) -> [String] { [script, label] }

    /// Every finished run so far, in no particular order.
    func runs() throws -> [Run] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".argv") }.map { name in
            let base = folder + "/" + String(name.dropLast(".argv".count))
            let bytes = FileManager.default.contents(atPath: base + ".argv") ?? Data()
            let arguments = bytes.split(separator: 0, omittingEmptySubsequences: false).dropLast()
                .map { String(decoding: $0, as: UTF8.self) }
            let summary = try JSONValue(parsing: String(decoding: FileManager.default.contents(atPath: base + ".json") ?? Data(),
                                                        as: UTF8.self))
            return Run(arguments: arguments, summary: summary)
        }
    }

    /// The runs of the hook labelled `label` about `plate` (any plate when nil).
    func runs(_ label: String, plate: String? = nil) throws -> [Run] {
        try runs().filter { run in
            run.arguments.first == label && (plate == nil || run.summary["plate"]?.stringValue == plate)
        }
    }
}
