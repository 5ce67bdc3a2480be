/// File life cycle (docs/architecture.md, state machines): stable → ingested, or ignored / rejected with a reason;
/// vanished when it disappears from the watched folder.
public enum FileState: String, Codable, Sendable, CaseIterable {
    case stable, ingested, ignored, rejected, vanished
}

/// What a file is to the layout.
public enum FileRole: String, Codable, Sendable, CaseIterable {
    case image, plan, other
}

/// Well life cycle: receiving → ready → writing → written; failed (retryable). A changed file for a
/// written well makes it ready again and it is rewritten as a new generation.
public enum WellState: String, Codable, Sendable, CaseIterable {
    case receiving, ready, writing, written, failed
}

/// Timepoint life cycle, inside its well's: ready (its planes are complete, or it is written with what is
/// there) → written (on disk, listed in its well's t extent); written → ready again when a file of it
/// changes or the plate's shape does.
public enum TimepointState: String, Codable, Sendable, CaseIterable {
    case ready, written
}

/// Plate life cycle: receiving → complete → finalized.
public enum PlateState: String, Codable, Sendable, CaseIterable {
    case receiving, complete, finalized
}

/// How a watched folder is watched: starting until the watcher reports; then watching (inotify covers the
/// tree), polling (stat-walked every poll interval), missing (looked for again every poll interval) or
/// resyncing (watches rebuilt and the tree rescanned, `watching` follows). Each but `watching` and
/// `starting` comes with a reason.
public enum RootWatchState: String, Codable, Sendable, CaseIterable {
    case starting, watching, polling, missing, resyncing

    /// How loudly a change to this state is logged: polling is a degraded watch, a missing folder a fault.
    public var eventLevel: EventLevel {
        switch self {
        case .starting, .watching, .resyncing: .info
        case .polling: .warning
        case .missing: .error
        }
    }
}

/// Daemon life cycle, as its heartbeat row records it: starting → running → stopped.
public enum DaemonStatus: String, Codable, Sendable, CaseIterable {
    case starting, running, stopped
}

/// Severity of an audit event.
public enum EventLevel: String, Codable, Sendable, CaseIterable {
    case info, warning, error
}
