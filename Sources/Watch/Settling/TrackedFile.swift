import FileIdentity

/// One file a root has shown: its last fingerprint and where it stands in the stability rule.
struct TrackedFile {
    var fingerprint: FileFingerprint
    /// When the current fingerprint is due to be confirmed; nil once it has been reported stable.
    var settlesAt: ContinuousClock.Instant?
    /// Reported stable at least once, so its disappearance is worth reporting.
    var announced: Bool
    /// The last full walk that saw the file (or any later sighting).
    var walkGeneration: UInt32
}
