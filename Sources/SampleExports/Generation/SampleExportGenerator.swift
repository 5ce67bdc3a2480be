import Foundation
import TIFF

/// Writes synthetic instrument exports (file names, plan files and microscopy-like pixels) for demos and tests.
public enum SampleExportGenerator {
    /// Writes every image of `spec` and, if asked, its plan files (first, so a watcher sees the plan early) under `root`.
    public static func generate(_ spec: ExportSpec, into root: String) throws(SampleExportError) -> GeneratedExport {
        if let problem = spec.problem {
            throw SampleExportError(path: root, kind: .invalidSpec(property: problem.property, expected: problem.expected, found: problem.found))
        }
        let images = spec.images
        let folders = Set(images.map { folder(of: root + "/" + $0.relativePath) }).union([root])
        for folder in folders.sorted() {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw SampleExportError(path: folder, kind: .cannotWrite(reason: error.localizedDescription))
            }
        }
        let plans = spec.writePlan ? planFiles(for: spec, images: images) : []
        for (relativePath, text) in plans {
            let path = root + "/" + relativePath
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw SampleExportError(path: path, kind: .cannotWrite(reason: error.localizedDescription))
            }
        }
        for image in images {
            let pixels = plane(spec: spec, row: image.row, column: image.column, field: image.field, channel: image.channel, z: image.z, t: image.t)
            let path = root + "/" + image.relativePath
            do throws(TIFFError) {
                try TIFFWriter.write(
                    path: path, width: spec.width, height: spec.height, sampleType: spec.sampleType,
                    pages: [pixels], options: spec.tiffOptions
                )
            } catch {
                throw SampleExportError(path: path, kind: .image(error))
            }
        }
        return GeneratedExport(root: root, images: images, planFiles: plans.map(\.relativePath))
    }

    /// What `generate` writes for `spec` under `root`, without writing anything (an export made earlier).
    public static func listing(_ spec: ExportSpec, root: String) -> GeneratedExport {
        let images = spec.images
        let plans = spec.writePlan ? planFiles(for: spec, images: images).map(\.relativePath) : []
        return GeneratedExport(root: root, images: images, planFiles: plans)
    }

    /// The pixel bytes (host byte order, row-major) of one plane, exactly as `generate` writes them.
    public static func plane(spec: ExportSpec, row: Int, column: Int, field: Int, channel: Int, z: Int, t: Int) -> [UInt8] {
        SyntheticPlane.render(spec: spec, row: row, column: column, field: field, channel: channel, z: z, t: t)
    }

    private static func planFiles(for spec: ExportSpec, images: [GeneratedImage]) -> [(relativePath: String, text: String)] {
        switch spec.layout {
        case .imageXpress:
            [(ImageXpressPlan.fileName(for: spec), ImageXpressPlan.text(for: spec))]
        case .yokogawa:
            [
                (YokogawaPlan.detailFileName, YokogawaPlan.measurementDetail(for: spec, imageCount: images.count)),
                (YokogawaPlan.dataFileName, YokogawaPlan.measurementData(for: spec, images: images)),
            ]
        case .harmony:
            [(HarmonyIndex.fileName, HarmonyIndex.text(for: spec, images: images))]
        }
    }

    private static func folder(of path: String) -> String {
        String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
    }
}
