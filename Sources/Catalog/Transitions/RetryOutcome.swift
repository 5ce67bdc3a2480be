/// What `platedrop retry` queued: how many wells, of which plate, and whether that reopened the plate
/// (whose done marker must then be removed, as for any reopened plate: see `DoneMarker` in the daemon).
public struct RetryOutcome: Sendable {
    public let plate: PlateRecord
    public let wells: Int
    public let reopened: Bool
}
