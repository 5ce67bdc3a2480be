/// What the generator wrote: the root folder, every image, and the vendor plan files.
public struct GeneratedExport: Sendable {
    /// The folder the export was written into.
    public let root: String
    /// Every image, in the order written.
    public let images: [GeneratedImage]
    /// Plan files relative to `root` (empty when the spec asked for none), written before the images.
    public let planFiles: [String]

    /// Creates an export record.
    public init(root: String, images: [GeneratedImage], planFiles: [String]) {
        self.root = root
        self.images = images
        self.planFiles = planFiles
    }
}
