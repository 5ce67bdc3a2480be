/// What an audit event is about. The raw values are the `kind` text stored in the catalogue, so catalogues
/// written before this enum read the same.
public enum EventKind: String, Codable, Sendable, CaseIterable {
    case daemonStart = "daemon-start"
    case rootState = "root-state"
    case fileRejected = "file-rejected"
    case fileVanished = "file-vanished"
    case planConflict = "plan-conflict"
    case planGap = "plan-gap"
    case plateNew = "plate-new"
    case plateReopened = "plate-reopened"
    case plateEndMarker = "plate-end-marker"
    case plateShapeChanged = "plate-shape-changed"
    case plateComplete = "plate-complete"
    case plateFinalized = "plate-finalized"
    case plateStalled = "plate-stalled"
    /// A hook (`on_complete`, `on_failure`, `on_stall`, `on_incomplete`) started, or could not start.
    case hookStart = "hook-start"
    case hookExit = "hook-exit"
    case writesPaused = "writes-paused"
    case writesResumed = "writes-resumed"
    case retry
    case wellRetry = "well-retry"
    case wellInterrupted = "well-interrupted"
    case wellWritten = "well-written"
    case timepointsWritten = "timepoints-written"
    case wellFailed = "well-failed"
}
