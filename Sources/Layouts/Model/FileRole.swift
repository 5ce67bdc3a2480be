/// What a file in an export is, according to one instrument layout.
public enum FileRole: Sendable, Equatable {
    /// A plane (or z-stack) of the plate.
    case image(ImageKey)
    /// A plane whose name numbers its well; a plan that covers it places it (see `WellIndexedImage`).
    case wellIndexedImage(WellIndexedImage)
    /// A vendor plan file to read with `InstrumentLayout.readPlan(at:)`.
    case plan(PlanKind)
    /// A known non-image file (thumbnail, sidecar, system or temporary file); the reason says which.
    case ignored(reason: String)
    /// Looks like data but matches no convention of the layout; the reason says what was expected.
    case unrecognized(reason: String)
}
