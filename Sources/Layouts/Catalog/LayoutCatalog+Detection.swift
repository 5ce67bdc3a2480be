import Foundation

extension LayoutCatalog {
    /// How many files `detect(exportRoot:)` looks at before deciding.
    public static let detectionSampleSize = 400

    /// The layout of the export at `exportRoot`: the vendor whose plan files are present (`.HTD`, `.jdce`,
    /// `MeasurementData.mlf`/`MeasurementDetail.mrf`, `Index*.xml`), or else the layout that names more
    /// than half of the image files among the first `detectionSampleSize` found. Throws, saying what it
    /// looked at, when the export is empty, mixed or of no built-in layout.
    public static func detect(exportRoot: String) throws(LayoutError) -> any InstrumentLayout {
        let rootName = (exportRoot as NSString).lastPathComponent
        let defaultPlate = ImageKey.safePlateName(rootName) ?? "plate"
        let layouts = builtInNames.compactMap { named($0, defaultPlateName: defaultPlate) }
        let files = try sampleFiles(exportRoot)

        var planFiles: [String: [String]] = [:]
        var imageVotes: [String: Int] = [:]
        var imageFiles: [String] = []
        for file in files {
            let path = RelativePath(file)
            let isImageFile = CommonFileRules.imageExtensions.contains(path.fileExtension)
            for layout in layouts {
                switch layout.classify(relativePath: file) {
                case .plan: planFiles[layout.name, default: []].append(file)
                case .image, .wellIndexedImage: imageVotes[layout.name, default: 0] += 1
                // An image file the layout knows to skip (a MetaXpress thumbnail) is still its instrument's.
                case .ignored where isImageFile: imageVotes[layout.name, default: 0] += 1
                case .ignored, .unrecognized: break
                }
            }
            if CommonFileRules.imageExtensions.contains(path.fileExtension), CommonFileRules.ignoreReason(for: path) == nil {
                imageFiles.append(file)
            }
        }
        let examples = imageFiles.prefix(3).joined(separator: ", ")
        let looked = "\(files.count) files (\(imageFiles.count) images\(examples.isEmpty ? "" : ", e.g. \(examples)"))"
        let expected = "plan files of one instrument (.HTD, .jdce, MeasurementData.mlf, Index.idx.xml, .xdce, metadata.ome.xml) "
            + "or a majority of image names of one built-in layout"
        if planFiles.count == 1, let vendor = planFiles.keys.first, let layout = layouts.first(where: { $0.name == vendor }) {
            return layout
        }
        if planFiles.count > 1 {
            let listing = planFiles.sorted { $0.key < $1.key }
                .map { "\($0.key) (\($0.value.prefix(2).joined(separator: ", ")))" }.joined(separator: " and ")
            throw .layoutNotDetected(exportRoot: exportRoot, expected: expected,
                                     found: "plan files of several instruments among \(looked): \(listing)")
        }
        let ranked = imageVotes.sorted { $0.value > $1.value }
        if let best = ranked.first, best.value * 2 > imageFiles.count,
           let layout = layouts.first(where: { $0.name == best.key }) {
            return layout
        }
        let votes = ranked.isEmpty ? "no image name of any built-in layout"
            : ranked.map { "\($0.value) named by \($0.key)" }.joined(separator: ", ")
        throw .layoutNotDetected(exportRoot: exportRoot, expected: expected,
                                 found: "no plan file among \(looked); \(votes)")
    }

    /// Up to `detectionSampleSize` regular files below `root`, relative to it, hidden folders skipped.
    private static func sampleFiles(_ root: String) throws(LayoutError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .unreadable(path: root, found: "no such folder")
        }
        let rootURL = URL(fileURLWithPath: root, isDirectory: true)
        guard let walker = FileManager.default.enumerator(
            at: rootURL, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else {
            throw .unreadable(path: root, found: "a folder that cannot be listed")
        }
        let rootPrefix = rootURL.standardizedFileURL.path.hasSuffix("/") ? rootURL.standardizedFileURL.path
            : rootURL.standardizedFileURL.path + "/"
        var files: [String] = []
        while files.count < detectionSampleSize, let url = walker.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let full = url.standardizedFileURL.path
            files.append(full.hasPrefix(rootPrefix) ? String(full.dropFirst(rootPrefix.count)) : url.lastPathComponent)
        }
        return files
    }
}
