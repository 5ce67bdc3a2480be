import Foundation
import SampleExports

/// Puts export files into a watched folder the way careful instrument software does: copied under a hidden
/// temporary name, then renamed into place.
enum Delivery {
    static func copy(_ relativePaths: [String], from source: String, to root: String) throws {
        for relative in relativePaths {
            let target = URL(fileURLWithPath: root + "/" + relative)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            let temporary = target.deletingLastPathComponent().appendingPathComponent("." + target.lastPathComponent + ".partial")
            try? FileManager.default.removeItem(at: temporary)
            try FileManager.default.copyItem(atPath: source + "/" + relative, toPath: temporary.path)
            guard rename(temporary.path, target.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
            }
        }
    }

    /// The plan files and the images of `wells` (names like "A1") of a generated export.
    static func paths(of export: GeneratedExport, wells: [String]? = nil, plans: Bool = false) -> [String] {
        let images = export.images.filter { image in
            wells.map { $0.contains(WellName.of(row: image.row, column: image.column)) } ?? true
        }.map(\.relativePath)
        return (plans ? export.planFiles : []) + images
    }
}
