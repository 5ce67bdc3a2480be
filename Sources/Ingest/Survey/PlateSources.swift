import Layouts

/// Everything an export holds for one plate: its image files and the vendor plan that covers them.
struct PlateSources: Sendable {
    let name: String
    var images: [SourceImage]
    var plan: PlatePlan?
}
