import Foundation
import PlateDropTestSupport
import SampleExports
import Testing
import TIFF
import Zarr

/// A real-world export variant (runs, projections, single-plane channels, instrument files): the spec, the
/// `platedrop sample-export` flags that ask for it, and what the export holds, listed by the library.
struct VariantExport: Sendable, CustomTestStringConvertible {
    let summary: String
    let spec: ExportSpec

    var testDescription: String { summary }

    /// The command line for `spec`; `listing` names what it must write.
    var sampleExportArguments: [String] {
        let wells = spec.wells.map { $0.rowLetters + String($0.column + 1) }.joined(separator: ",")
        var arguments = ["--layout", spec.layout.rawValue, "--plate", spec.plateName, "--format", String(spec.rows * spec.columns),
                         "--wells", wells, "--fields", String(spec.fields), "--channels", String(spec.channels),
                         "--z", String(spec.zPlanes), "--t", String(spec.timepoints), "--size", "\(spec.width)x\(spec.height)",
                         "--seed", String(spec.seed)]
        if spec.runFolders == .exported { arguments += ["--runs", String(spec.runs)] }
        if spec.runFolders == .database { arguments += ["--runs", String(spec.runs), "--database-layout"] }
        if spec.metaSeriesHeaders { arguments.append("--metaseries") }
        if spec.maximumProjection { arguments.append("--projection") }
        if !spec.singlePlaneChannels.isEmpty {
            arguments += ["--single-plane-channels", spec.singlePlaneChannels.sorted().map { String($0 + 1) }.joined(separator: ",")]
        }
        if spec.instrumentFiles { arguments.append("--instrument-files") }
        if !spec.channelNames.isEmpty { arguments += ["--channel-names", spec.channelNames.joined(separator: ",")] }
        return arguments
    }

    /// Everything `sample-export` writes for this variant under `root`.
    func listing(root: String) -> GeneratedExport {
        SampleExportGenerator.listing(spec, root: root)
    }

    /// Writes the export with the real binary into `root`, and requires that it wrote exactly the listed files.
    func write(with binary: PlateDropBinary, into root: String) async throws -> GeneratedExport {
        let run = try await binary.run(["sample-export", root] + sampleExportArguments)
        try #require(run.exitCode == 0, "\(run.transcript)")
        let export = listing(root: root)
        let files = try FileManager.default.subpathsOfDirectory(atPath: root).filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
        try #require(files.sorted() == (export.images.map(\.relativePath) + export.planFiles + export.companionFiles).sorted(),
                     "sample-export \(sampleExportArguments.joined(separator: " ")) wrote other files than the spec lists")
        return export
    }

    /// The plane image as the plate test helpers take it; `channel` and `z` are its place in the written array.
    static func exported(_ image: GeneratedImage, channel: Int? = nil, z: Int? = nil) -> ExportedImage {
        ExportedImage(relativePath: image.relativePath, well: PlateWell(image.rowName + String(image.column + 1)),
                      field: image.field, channel: channel ?? image.channel, z: z ?? image.z, t: image.t)
    }
}

extension GeneratedImage {
    var rowName: String { PlateWell.rowName(row) }

    var isRepeatedCopy: Bool {
        if case .repeatedPlane = kind { true } else { false }
    }
}

extension WrittenPlate {
    /// The omero channels (label and colour) of a field, in channel order.
    func omeroChannels(well: String, field: String) throws -> [(label: String, color: String)] {
        let attributes = try #require(try ZarrGroup.readAttributes(store: store, path: well + "/" + field, format: format),
                                      "group \(well)/\(field) has no attributes")
        let ome = format == .v3 ? attributes["ome"] : attributes
        let channels = try #require(ome?["omero"]?["channels"]?.arrayValue, "no omero channels at \(well)/\(field)")
        return channels.map { ($0["label"]?.stringValue ?? "", $0["color"]?.stringValue ?? "") }
    }

    /// The scale of level 0 of a field, one value per axis.
    func levelZeroScale(well: String, field: String) throws -> [Double] {
        let multiscale = try multiscale(well: well, field: field)
        let transforms = multiscale["datasets"]?.arrayValue?.first?["coordinateTransformations"]?.arrayValue ?? []
        return transforms.first { $0["type"]?.stringValue == "scale" }?["scale"]?.arrayValue?.compactMap(\.doubleValue) ?? []
    }
}

extension CommandResult {
    /// The files `ingest` listed as ignored (path before the first ": "), and how many it said it ignored.
    var ignoredFiles: (count: Int, listed: [String: String]) {
        let lines = standardOutput.split(separator: "\n").map(String.init)
        guard let header = lines.firstIndex(where: { $0.hasPrefix("ignored ") && $0.hasSuffix(" file(s):") }) else { return (0, [:]) }
        let count = Int(lines[header].dropFirst("ignored ".count).prefix { $0.isNumber }) ?? -1
        var listed: [String: String] = [:]
        for line in lines[(header + 1)...] where line.hasPrefix("  ") && !line.hasPrefix("  … and ") {
            guard let separator = line.range(of: ": ") else { continue }
            listed[String(line[line.index(line.startIndex, offsetBy: 2)..<separator.lowerBound])] = String(line[separator.upperBound...])
        }
        return (count, listed)
    }
}
