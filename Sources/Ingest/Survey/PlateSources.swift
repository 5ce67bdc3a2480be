import Layouts

/// Everything known of one plate: its image files and the vendor plan that covers them.
public struct PlateSources: Sendable {
    public let name: String
    public var images: [SourceImage]
    public var plan: PlatePlan?

    public init(name: String, images: [SourceImage], plan: PlatePlan?) {
        self.name = name
        self.images = images
        self.plan = plan
    }
}
