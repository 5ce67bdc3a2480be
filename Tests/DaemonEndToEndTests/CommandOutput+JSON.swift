import PlateDropTestSupport
import Zarr

/// What one finished run of the `platedrop` binary produced.
typealias CommandOutput = ProgramRun

extension CommandOutput {
    /// Standard output parsed as JSON (for `--json` commands).
    func json() throws -> JSONValue {
        try JSONValue(parsing: standardOutput, source: "stdout of platedrop \(arguments.joined(separator: " "))")
    }
}
