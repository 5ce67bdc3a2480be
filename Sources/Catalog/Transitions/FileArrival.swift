/// What intake made of a new or changed file; it decides the state the file arrives in.
public enum FileArrival: Sendable {
    /// An image with its place in the plate (stable).
    case image(ImagePlacement)
    /// An image that only a plan can place, none of which has arrived yet (stable, in no plate, with the
    /// reason); intake places it when a plan comes (`imagesAwaitingPlan(root:)`).
    case awaitingPlan(reason: String)
    /// A vendor plan (stable).
    case plan
    /// Nothing to write, such as a sidecar or the end marker (ignored, with the reason).
    case ignored(reason: String)
    /// Unusable: an unrecognised name, an unreadable image (rejected, with the reason; file-rejected).
    case rejected(role: FileRole, reason: String)
}
