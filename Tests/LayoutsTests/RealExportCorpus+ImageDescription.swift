import PlateDropTestSupport
import TIFF

extension RealExportCorpus {
    /// The ImageDescription of the first page of a corpus TIFF, nil when it has none.
    static func imageDescription(ofTIFF relativePath: String) throws -> String? {
        let file = try TIFFFile(path: path(relativePath))
        return try file.imageDescription(page: 0)
    }
}
