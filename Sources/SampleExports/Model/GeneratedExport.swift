/// What the generator wrote: the root folder, every image, and the vendor plan files.
public struct GeneratedExport: Sendable {
    /// The folder the export was written into.
    public let root: String
    /// Every image, in the order written: planes, projections and repeated copies (see `GeneratedImage.kind`).
    public let images: [GeneratedImage]
    /// Plan files relative to `root` (empty when the spec asked for none), written before the images.
    public let planFiles: [String]
    /// The folder of each run relative to `root`, by run index: "" without run folders, else e.g.
    /// `Plate_Plate_3420`, `Plate/2024-03-01/3420` or `Plate_20240301_090000` (the folder that names the run).
    public let runFolders: [String]
    /// Files the instrument writes beside the images that hold no plane of the plate and are no plan
    /// (CellVoyager DC_/SC_ reference images and trace log, Harmony `Assaylayout/`), relative to `root`.
    public let companionFiles: [String]

    /// Creates an export record.
    public init(root: String, images: [GeneratedImage], planFiles: [String], runFolders: [String] = [""],
                companionFiles: [String] = []) {
        self.root = root
        self.images = images
        self.planFiles = planFiles
        self.runFolders = runFolders
        self.companionFiles = companionFiles
    }

    /// The images of one run.
    public func images(ofRun run: Int) -> [GeneratedImage] {
        images.filter { $0.run == run }
    }
}
