import Foundation
import TIFF

/// Writes synthetic instrument exports (file names, plan files and microscopy-like pixels) for demos and tests.
public enum SampleExportGenerator {
    /// Writes every image of `spec` and, if asked, its plan files (first, so a watcher sees the plan early) under `root`.
    /// Companion files (references, trace logs, assay layouts) follow the plans; each run's images follow in
    /// acquisition order, a projection after its stack and a repeated copy after its original.
    public static func generate(_ spec: ExportSpec, into root: String) throws(SampleExportError) -> GeneratedExport {
        if let problem = spec.problem {
            throw SampleExportError(path: root, kind: .invalidSpec(property: problem.property, expected: problem.expected, found: problem.found))
        }
        let images = spec.images
        let plans = spec.writePlan ? planFiles(for: spec, images: images) : []
        let companions = companionFiles(for: spec, images: images)
        let written = images.map(\.relativePath) + plans.map(\.relativePath) + companions.map(\.relativePath)
        let folders = Set(written.map { folder(of: root + "/" + $0) }).union([root])
        for folder in folders.sorted() {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw SampleExportError(path: folder, kind: .cannotWrite(reason: error.localizedDescription))
            }
        }
        for (relativePath, text) in plans {
            try write(Data(text.utf8), to: root + "/" + relativePath)
        }
        for companion in companions {
            let path = root + "/" + companion.relativePath
            switch companion.content {
            case .text(let text):
                try write(Data(text.utf8), to: path)
            case .referenceImage(let isDarkCurrent):
                let pixels = CellVoyagerFiles.referencePixels(width: spec.width, height: spec.height, isDarkCurrent: isDarkCurrent)
                try writeTIFF(pixels, to: path, spec: spec, sampleType: .uint16, options: spec.tiffOptions)
            }
        }
        try writeImages(images, of: spec, under: root)
        return GeneratedExport(root: root, images: images, planFiles: plans.map(\.relativePath),
                               runFolders: (0..<spec.runs).map(spec.runFolder), companionFiles: companions.map(\.relativePath))
    }

    /// What `generate` writes for `spec` under `root`, without writing anything (an export made earlier).
    public static func listing(_ spec: ExportSpec, root: String) -> GeneratedExport {
        let images = spec.images
        let plans = spec.writePlan ? planFiles(for: spec, images: images).map(\.relativePath) : []
        return GeneratedExport(root: root, images: images, planFiles: plans, runFolders: (0..<spec.runs).map(spec.runFolder),
                               companionFiles: companionFiles(for: spec, images: images).map(\.relativePath))
    }

    /// The pixel bytes (host byte order, row-major) of one acquired plane of `run`, exactly as `generate`
    /// writes them. A channel in `spec.singlePlaneChannels` has one in-focus plane, returned for every `z`.
    public static func plane(spec: ExportSpec, row: Int, column: Int, field: Int, channel: Int, z: Int, t: Int,
                             run: Int = 0) -> [UInt8] {
        guard spec.layout == .imageXpress, spec.zPlanes > 1, spec.singlePlaneChannels.contains(channel) else {
            return SyntheticPlane.render(spec: spec, row: row, column: column, field: field, channel: channel, z: z, t: t, run: run)
        }
        var single = spec
        single.zPlanes = 1
        return SyntheticPlane.render(spec: single, row: row, column: column, field: field, channel: channel, z: 0, t: t, run: run)
    }

    /// The maximum-intensity projection of one z-stack of `run`: the pixel-wise maximum of its `spec.zPlanes` planes.
    public static func maximumProjection(spec: ExportSpec, row: Int, column: Int, field: Int, channel: Int, t: Int,
                                         run: Int = 0) -> [UInt8] {
        var maximum = plane(spec: spec, row: row, column: column, field: field, channel: channel, z: 0, t: t, run: run)
        for z in 1..<max(1, spec.zPlanes) {
            PlaneMaximum.accumulate(plane(spec: spec, row: row, column: column, field: field, channel: channel, z: z, t: t, run: run),
                                    into: &maximum, sampleType: spec.sampleType)
        }
        return maximum
    }

    /// The pixel bytes `generate` writes into `image`'s file: its plane, its projection, or (for a
    /// repeated copy) the plane of the file it repeats.
    public static func pixels(of image: GeneratedImage, spec: ExportSpec) -> [UInt8] {
        switch image.kind {
        case .maximumProjection:
            maximumProjection(spec: spec, row: image.row, column: image.column, field: image.field, channel: image.channel,
                              t: image.t, run: image.run)
        case .plane, .repeatedPlane:
            plane(spec: spec, row: image.row, column: image.column, field: image.field, channel: image.channel, z: image.z,
                  t: image.t, run: image.run)
        }
    }

    /// One projection being accumulated while its stack is written.
    private struct StackKey: Hashable {
        let run: Int, t: Int, row: Int, column: Int, field: Int, channel: Int
        init(_ image: GeneratedImage) {
            (run, t, row, column, field, channel) = (image.run, image.t, image.row, image.column, image.field, image.channel)
        }
    }

    private static func writeImages(_ images: [GeneratedImage], of spec: ExportSpec, under root: String) throws(SampleExportError) {
        // The maximum of each stack grows as its planes are written; its projection follows the stack.
        var projections: [StackKey: [UInt8]] = [:]
        var sequence = [Int](repeating: 0, count: spec.runs)
        for image in images {
            let path = root + "/" + image.relativePath
            let pixels: [UInt8]
            switch image.kind {
            case .repeatedPlane(let original):
                let bytes: Data
                do {
                    bytes = try Data(contentsOf: URL(fileURLWithPath: root + "/" + original))
                } catch {
                    throw SampleExportError(path: root + "/" + original, kind: .cannotWrite(reason: "cannot read it to repeat it: \(error.localizedDescription)"))
                }
                try write(bytes, to: path)
                continue
            case .plane:
                pixels = plane(spec: spec, row: image.row, column: image.column, field: image.field, channel: image.channel,
                               z: image.z, t: image.t, run: image.run)
                if spec.maximumProjection, !spec.singlePlaneChannels.contains(image.channel) {
                    let key = StackKey(image)
                    if projections[key] == nil {
                        projections[key] = pixels
                    } else {
                        PlaneMaximum.accumulate(pixels, into: &projections[key]!, sampleType: spec.sampleType)
                    }
                }
            case .maximumProjection:
                pixels = projections.removeValue(forKey: StackKey(image)) ?? Self.pixels(of: image, spec: spec)
            }
            var options = spec.tiffOptions
            if spec.writesMetaSeriesHeaders {
                options.imageDescription = MetaSeriesHeader.text(for: spec, image: image, sequence: sequence[image.run])
            }
            sequence[image.run] += 1
            try writeTIFF(pixels, to: path, spec: spec, sampleType: spec.sampleType, options: options)
        }
    }

    private static func writeTIFF(_ pixels: [UInt8], to path: String, spec: ExportSpec, sampleType: TIFFSampleType,
                                  options: TIFFWriteOptions) throws(SampleExportError) {
        do throws(TIFFError) {
            try TIFFWriter.write(path: path, width: spec.width, height: spec.height, sampleType: sampleType,
                                 pages: [pixels], options: options)
        } catch {
            throw SampleExportError(path: path, kind: .image(error))
        }
    }

    /// Writes through a temporary file and a rename, as the TIFFs are written, so a watcher never sees half a file.
    private static func write(_ data: Data, to path: String) throws(SampleExportError) {
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw SampleExportError(path: path, kind: .cannotWrite(reason: error.localizedDescription))
        }
    }

    private static func planFiles(for spec: ExportSpec, images: [GeneratedImage]) -> [(relativePath: String, text: String)] {
        switch spec.layout {
        case .imageXpress:
            // The MetaXpress database keeps the plan in its database: no HTD in that layout.
            guard spec.runFolders != .database else { return [] }
            return (0..<spec.runs).map { run in
                (spec.imageFolder(run) + ImageXpressPlan.fileName(for: spec), ImageXpressPlan.text(for: spec, run: run))
            }
        case .yokogawa, .cq3000:
            return (0..<spec.runs).flatMap { run in
                let folder = spec.imageFolder(run)
                let runImages = images.filter { $0.run == run }
                var files = [
                    (folder + YokogawaPlan.detailFileName, YokogawaPlan.measurementDetail(for: spec, imageCount: runImages.count, run: run)),
                    (folder + YokogawaPlan.dataFileName, YokogawaPlan.measurementData(for: spec, images: runImages, run: run)),
                ]
                if spec.instrumentFiles {
                    files.append((folder + CellVoyagerFiles.settingsFileName(for: spec), CellVoyagerFiles.settings(for: spec)))
                }
                return files
            }
        case .harmony:
            return [(HarmonyIndex.fileName, HarmonyIndex.text(for: spec, images: images))]
        case .cellomics, .cytation:
            return []
        case .scanR:
            return [(ScanRMetadata.fileName, ScanRMetadata.text(for: spec, images: images))]
        case .inCell:
            return [(InCellXDCE.fileName(for: spec), InCellXDCE.text(for: spec, images: images))]
        case .imageXpressHCSAI:
            return (0..<spec.runs).flatMap { run in
                let folder = spec.imageFolder(run)
                return [
                    (folder + HCSAIFiles.descriptorFileName(for: spec), HCSAIFiles.descriptor(for: spec, run: run)),
                    (folder + HCSAIFiles.manifestFileName, HCSAIFiles.manifest(for: spec, images: images.filter { $0.run == run })),
                ]
            }
        }
    }

    /// A non-image, non-plan file the instrument leaves in the export.
    private struct CompanionFile {
        enum Content {
            case text(String)
            case referenceImage(isDarkCurrent: Bool)
        }

        let relativePath: String
        let content: Content
    }

    private static func companionFiles(for spec: ExportSpec, images: [GeneratedImage]) -> [CompanionFile] {
        guard spec.instrumentFiles else { return [] }
        switch spec.layout {
        case .imageXpress:
            return []
        case .yokogawa:
            return (0..<spec.runs).flatMap { run in
                let folder = spec.imageFolder(run)
                let runFolder = spec.runFolder(run)
                // The trace log sits in the measurement folder, one level above the images.
                let traceFolder = runFolder.isEmpty ? "" : runFolder + "/"
                var files = [CompanionFile(relativePath: folder + CellVoyagerFiles.darkReferenceName,
                                           content: .referenceImage(isDarkCurrent: true))]
                files += (0..<spec.channels).map { channel in
                    CompanionFile(relativePath: folder + CellVoyagerFiles.shadingReferenceName(channel: channel),
                                  content: .referenceImage(isDarkCurrent: false))
                }
                files.append(CompanionFile(
                    relativePath: traceFolder + CellVoyagerFiles.traceLogName(for: spec, run: run),
                    content: .text(CellVoyagerFiles.traceLog(for: spec, images: images.filter { $0.run == run }, run: run))))
                return files
            }
        case .harmony:
            return [CompanionFile(relativePath: HarmonyAssayLayout.fileName(for: spec), content: .text(HarmonyAssayLayout.text(for: spec)))]
        case .cellomics, .scanR, .inCell, .cytation, .cq3000:
            return []
        case .imageXpressHCSAI:
            return (0..<spec.runs).flatMap { run in
                let runFolder = spec.runFolder(run)
                let top = runFolder.isEmpty ? "" : runFolder + "/"
                let statistics = HCSAIFiles.statistics(for: spec)
                return [
                    CompanionFile(relativePath: top + HCSAIFiles.protocolFileName(for: spec),
                                  content: .text(HCSAIFiles.protocolText(for: spec))),
                    CompanionFile(relativePath: top + HCSAIFiles.autofocusReportName, content: .text(HCSAIFiles.autofocusReport())),
                ] + images.filter { $0.run == run }.map { image in
                    CompanionFile(relativePath: image.relativePath + ".statistics.json", content: .text(statistics))
                }
            }
        }
    }

    private static func folder(of path: String) -> String {
        String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
    }
}
