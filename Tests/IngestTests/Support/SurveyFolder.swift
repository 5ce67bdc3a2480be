import Foundation
@testable import Ingest
import Layouts
import TIFF

/// A temporary folder of hand-made image files, each described by the key a layout would give it.
struct SurveyFolder: ~Copyable {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    /// Writes a zero-filled TIFF of `pages` pages at `name` and returns it as a source image keyed `key`.
    func tiff(_ name: String, key: ImageKey, width: Int = 8, height: Int = 6, sampleType: TIFFSampleType = .uint16,
              pages: Int = 1) throws -> SourceImage {
        let page = [UInt8](repeating: 0, count: width * height * sampleType.byteCount)
        try TIFFWriter.write(path: directory.file(name), width: width, height: height, sampleType: sampleType,
                             pages: Array(repeating: page, count: pages))
        return image(name, key: key)
    }

    /// Writes `bytes` verbatim at `name` and returns it as a source image keyed `key`.
    func file(_ name: String, bytes: [UInt8], key: ImageKey) throws -> SourceImage {
        try Data(bytes).write(to: URL(fileURLWithPath: directory.file(name)))
        return image(name, key: key)
    }

    /// The plate's sources, in the path order `ExportSurvey` hands them over.
    func sources(_ images: [SourceImage], plan: PlatePlan? = nil) -> PlateSources {
        PlateSources(name: ImageKey.testPlate, images: images.sorted { $0.relativePath < $1.relativePath }, plan: plan)
    }

    /// A plan covering this folder that fixes only the plate format.
    func plan(format: PlateFormat) -> PlatePlan {
        PlatePlan(source: directory.file("plan"), scopeDirectory: directory.path, format: format)
    }

    private func image(_ name: String, key: ImageKey) -> SourceImage {
        SourceImage(relativePath: name, absolutePath: directory.file(name), key: key)
    }
}
