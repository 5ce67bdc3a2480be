import TIFF

/// What a TIFF's header says about its planes, read once (the daemon keeps it in the catalogue).
public struct ImageHeader: Sendable, Hashable {
    public let width: Int
    public let height: Int
    public let sampleType: TIFFSampleType
    public let pages: Int

    public init(width: Int, height: Int, sampleType: TIFFSampleType, pages: Int) {
        self.width = width
        self.height = height
        self.sampleType = sampleType
        self.pages = pages
    }

    /// Reads the header of every page; all pages must have the first page's shape and type.
    public static func read(path: String) throws -> ImageHeader {
        try read(TIFFFile(path: path))
    }

    private static func read(_ file: borrowing TIFFFile) throws -> ImageHeader {
        let first = try file.pageInfo(0)
        for page in 1..<max(1, file.pageCount) {
            let info = try file.pageInfo(page)
            guard info.width == first.width, info.height == first.height, info.sampleType == first.sampleType else {
                throw PageMismatch(page: page, found: "\(info.width)×\(info.height) \(info.sampleType.rawValue)",
                                   expected: "\(first.width)×\(first.height) \(first.sampleType.rawValue)")
            }
        }
        return ImageHeader(width: first.width, height: first.height, sampleType: first.sampleType, pages: file.pageCount)
    }

    /// The header, once every page's strips or tiles are known to lie inside the file: a half-copied file has
    /// a valid header but its last strips are missing (docs/operations.md §2: verify before converting). Cheap:
    /// nothing is decoded here, the pixels are decoded once, on their way to the plate.
    public static func verify(path: String) throws -> ImageHeader {
        let file = try TIFFFile(path: path)
        let header = try read(file)
        try file.verifyDataLiesInsideFile()
        return header
    }

    /// A multi-page file whose pages differ.
    struct PageMismatch: Error, CustomStringConvertible {
        let page: Int
        let found: String
        let expected: String

        var description: String { "page \(page + 1) is \(found) but page 1 is \(expected); all pages must match" }
    }
}
