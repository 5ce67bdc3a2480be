/// The plate an arriving image belongs to, and whether its arrival reopened it. A reopened plate's done
/// marker must be removed before the transaction commits: see `DoneMarker` in the daemon.
public struct ReceivedPlate: Sendable {
    public let plate: PlateRecord
    public let reopened: Bool
}
