import Config

/// The `[daemon]` hooks: programs a facility runs (without a shell) when a plate is finalized or something needs
/// a person, each reading a JSON summary on its standard input (docs/operations.md §6).
enum Hook: String, CaseIterable, Sendable {
    case onComplete = "on_complete"
    case onFailure = "on_failure"
    case onStall = "on_stall"
    case onIncomplete = "on_incomplete"

    /// The words configured for this hook; empty when it is not set.
    func command(in settings: DaemonSettings) -> [String] {
        switch self {
        case .onComplete: settings.onComplete
        case .onFailure: settings.onFailure
        case .onStall: settings.onStall
        case .onIncomplete: settings.onIncomplete
        }
    }
}
