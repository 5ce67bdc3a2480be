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
        let file = try TIFFFile(path: path)
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

    /// Reads every page in full, not only the header: a half-copied file has a valid header but its last
    /// strips are missing (docs/daemon.md §2: verify before converting).
    public static func verify(path: String) throws -> ImageHeader {
        let header = try read(path: path)
        let file = try TIFFFile(path: path)
        let scratch = UnsafeMutableRawBufferPointer.allocate(
            byteCount: header.width * header.height * header.sampleType.byteCount, alignment: 16)
        defer { scratch.deallocate() }
        for page in 0..<header.pages {
            try file.readPage(page, into: scratch)
        }
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
