/// Why a benchmark could not run.
enum BenchmarkError: Error, CustomStringConvertible {
    case spawnFailed(command: String, code: Int32)
    case runFailed(command: String, status: Int32)

    var description: String {
        switch self {
        case let .spawnFailed(command, code): "\(command): could not start (error \(code))"
        case let .runFailed(command, status): "\(command) exited with status \(status)"
        }
    }
}
