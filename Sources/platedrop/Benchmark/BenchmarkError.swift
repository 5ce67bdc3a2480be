/// Why a benchmark could not run.
enum BenchmarkError: Error, CustomStringConvertible {
    case runFailed(command: String, status: Int32)

    var description: String {
        switch self {
        case let .runFailed(command, status): "\(command) exited with status \(status)"
        }
    }
}
