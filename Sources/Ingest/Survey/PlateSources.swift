import Layouts

/// Everything known of one plate: its image files, the vendor plan that covers them, and the layout
/// that named them (which knows what the images' own headers say).
public struct PlateSources: Sendable {
    public let name: String
    public var images: [SourceImage]
    public var plan: PlatePlan?
    public let layout: (any InstrumentLayout)?

    public init(name: String, images: [SourceImage], plan: PlatePlan?, layout: (any InstrumentLayout)? = nil) {
        self.name = name
        self.images = images
        self.plan = plan
        self.layout = layout
    }
}
