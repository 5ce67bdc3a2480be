import Foundation

/// `layout = "auto"` for a watched folder: a folder starts empty, so instead of recognising the export once
/// (as `platedrop ingest` does) each file is offered to the built-in layouts in turn and the first that
/// claims it wins. What image headers say is read as the built-in layouts read it, so a watched folder
/// places and describes planes as `ingest` does.
public struct AutoLayout: InstrumentLayout {
    public let name = "auto"
    private let candidates: [any InstrumentLayout]

    /// The built-in layouts, Harmony's root-level images belonging to `defaultPlateName`.
    public init(defaultPlateName: String) {
        candidates = LayoutCatalog.builtInNames.compactMap { LayoutCatalog.named($0, defaultPlateName: defaultPlateName) }
    }

    /// A layout that knows the file as one of its own non-image files (a CellVoyager reference, an HCS.ai
    /// protocol) outranks one that merely does not recognise it.
    public func classify(relativePath: String) -> FileRole {
        var firstIgnored: FileRole?
        var firstUnrecognized: FileRole?
        for layout in candidates {
            let role = layout.classify(relativePath: relativePath)
            switch role {
            case .image, .wellIndexedImage, .plan:
                return role
            case .ignored:
                firstIgnored = firstIgnored ?? role
            case .unrecognized:
                firstUnrecognized = firstUnrecognized ?? role
            }
        }
        return firstIgnored ?? firstUnrecognized ?? .unrecognized(reason: "no built-in layout recognises this name")
    }

    public func readPlan(at path: String) throws(LayoutError) -> PlatePlan {
        var lastError: LayoutError?
        for layout in candidates {
            guard case .plan = layout.classify(relativePath: (path as NSString).lastPathComponent) else { continue }
            do {
                return try layout.readPlan(at: path)
            } catch {
                lastError = error
            }
        }
        throw lastError ?? .unsupportedPlan(path: path, layout: name, expected: "a plan file of a built-in layout")
    }

    public var describesPlanesInImageHeader: Bool { candidates.contains { $0.describesPlanesInImageHeader } }

    /// The first built-in layout's reading of the header: each recognises only its own instrument's.
    public func planeMetadata(imageDescription: String) -> PlaneMetadata? {
        candidates.lazy.compactMap { $0.planeMetadata(imageDescription: imageDescription) }.first
    }

    /// The channel name of the layout that claims the file as an image.
    public func channelName(ofImageAt relativePath: String) -> String? {
        candidates.first { layout in
            switch layout.classify(relativePath: relativePath) {
            case .image, .wellIndexedImage: true
            default: false
            }
        }?.channelName(ofImageAt: relativePath)
    }
}
