import Foundation
import PlateDropTestSupport
import SampleExports
import Testing
import TIFF

/// `platedrop sample-export` with the real-world variants, then `platedrop ingest`, as a user runs them: each run
/// is its own plate, projections land in the run's projection plate, single-plane channels are stored once,
/// the image headers and the CellVoyager `.mes` describe the channels, and the instruments' companion files
/// are ignored with their reason. The same checks as the real-export suite, without the corpus.
@Suite("ingest of synthetic exports with runs, projections, single-plane channels and instrument files")
struct SampleVariantIngestTests {
    static let imageXpressExported = VariantExport(
        summary: "ImageXpress: 2 exported runs, z 3 with maximum projections, channels 3 and 4 single-plane",
        spec: ExportSpec(layout: .imageXpress, plateName: "IXVar", wells: [WellIndex(row: 0, column: 0), WellIndex(row: 1, column: 2)],
                         fields: 2, channels: 4, zPlanes: 3, width: 64, height: 48, runs: 2, runFolders: .exported,
                         maximumProjection: true, singlePlaneChannels: [2, 3]))

    static let imageXpressDatabase = VariantExport(
        summary: "ImageXpress database layout: 2 runs, 2 time points, z 3 with projections, channel 3 single-plane",
        spec: ExportSpec(layout: .imageXpress, plateName: "Screen B", wells: [WellIndex(row: 2, column: 4)], fields: 2,
                         channels: 3, zPlanes: 3, timepoints: 2, width: 64, height: 48, runs: 2, runFolders: .database,
                         maximumProjection: true, singlePlaneChannels: [2]))

    static let cellVoyager = VariantExport(
        summary: "Yokogawa: 2 measurement folders with .mes, DC_/SC_ references and trace logs",
        spec: ExportSpec(layout: .yokogawa, plateName: "CV8-Var", wells: [WellIndex(row: 0, column: 0), WellIndex(row: 2, column: 4)],
                         fields: 2, channels: 3, zPlanes: 2, width: 64, height: 48, runs: 2, runFolders: .exported,
                         instrumentFiles: true))

    static let harmony = VariantExport(
        summary: "Harmony: Assaylayout/ beside Images/",
        spec: ExportSpec(layout: .harmony, plateName: "OperaVar", wells: [WellIndex(row: 1, column: 1)], fields: 2,
                         channels: 2, width: 64, height: 48, instrumentFiles: true))

    @Test(arguments: [imageXpressExported, imageXpressDatabase])
    func imageXpressRunsProjectionsAndSinglePlanes(variant: VariantExport) async throws {
        let binary = try PlateDropBinary.located()
        let work = try TemporaryFolder()
        let exportRoot = work.path + "/export"
        let export = try await variant.write(with: binary, into: exportRoot)
        let outRoot = work.path + "/out"
        let ingest = try await binary.run(["ingest", exportRoot, "--out", outRoot, "--chunk", "32"])
        #expect(ingest.exitCode == 0, "\(ingest.transcript)")
        #expect(!ingest.output.contains("rejected"), "\(ingest.transcript)")
        // Neither the copies a single-plane channel leaves in other ZStep folders nor the channels a run did not
        // project count as planes the plan expected and never got.
        #expect(!ingest.output.contains("plan:"), "\(ingest.transcript)")
        // A single-plane channel's other z are fill value by design: reported as such, never as missing.
        #expect(!ingest.output.contains("missing"), "\(ingest.transcript)")
        #expect(ingest.output.contains("of single-plane channels stored as 0 at the other z"), "\(ingest.transcript)")

        let spec = variant.spec
        let runs = (0..<spec.runs).map { "\(spec.plateName)_Plate_\(3420 + $0)" }
        let plates = try RealExportPlates(outputRoot: outRoot)
        #expect(plates.names == runs.flatMap { [$0, $0 + "_projection"] }.sorted(), "plates: \(plates.names)")

        // A single-plane channel's identical files: one is stored, every other one is ignored as the same plane
        // as another of them (which one is kept is ingest's choice), and no other file is ignored.
        let copies = export.images.filter(\.isRepeatedCopy)
        var identicalFiles: [String: Set<String>] = [:]
        for copy in copies {
            guard case .repeatedPlane(let original) = copy.kind else { continue }
            identicalFiles[original, default: [original]].insert(copy.relativePath)
        }
        let ignored = ingest.ignoredFiles
        #expect(ignored.count == copies.count, "\(ingest.transcript)")
        for (path, reason) in ignored.listed {
            guard let group = identicalFiles.values.first(where: { $0.contains(path) }) else {
                Issue.record("\(path) ignored but is no single-plane file: \(reason)")
                continue
            }
            let named = group.filter { $0 != path && reason.contains("the same plane as \($0) ") }
            #expect(named.count == 1, "\(path): \(reason)")
        }

        let stacked = (0..<spec.channels).filter { !spec.singlePlaneChannels.contains($0) }
        for (run, name) in runs.enumerated() {
            let images = export.images(ofRun: run)
            let stack = try WrittenPlate(root: outRoot + "/" + name + ".ome.zarr")
            let projection = try WrittenPlate(root: outRoot + "/" + name + "_projection.ome.zarr")
            // The run's acquisition spans the times its planes' headers give, read in this machine's zone.
            for (plate, files) in [(stack, images.filter(\.isPlane)), (projection, images.filter { $0.kind == .maximumProjection })] {
                let times = try files.map { try Self.acquisitionTime(exportRoot + "/" + $0.relativePath) }
                let acquisition = plate.plate["acquisitions"]?.arrayValue?.first
                let start = try #require(times.min()), end = try #require(times.max())
                #expect(acquisition?["starttime"]?.intValue == Int64(start.rounded(.down))
                        && acquisition?["endtime"]?.intValue == Int64(end.rounded(.down)),
                        "\(name): \(String(describing: acquisition))")
            }
            for well in spec.wells.map({ PlateWell($0.rowLetters + String($0.column + 1)) }) {
                for field in 0..<spec.fields {
                    let here = images.filter { $0.row == well.row && $0.column == well.column && $0.field == field }
                    // Every acquired plane at its channel and z; a single-plane channel once, at z 0.
                    try PlateContents.expectLevelZeroMatchesSources(
                        stack, well: well, field: field, images: here.filter(\.isPlane).map { VariantExport.exported($0) },
                        exportRoot: exportRoot)
                    // The projections hold the stacked channels only, in order.
                    let projections = here.filter { $0.kind == .maximumProjection }
                    #expect(Set(projections.map(\.channel)) == Set(stacked))
                    try PlateContents.expectLevelZeroMatchesSources(
                        projection, well: well, field: field,
                        images: projections.map { VariantExport.exported($0, channel: stacked.firstIndex(of: $0.channel)!, z: 0) },
                        exportRoot: exportRoot)
                    try expectMaximumProjections(in: projection, well: well, field: field, planes: here.filter(\.isPlane),
                                                 stacked: stacked, exportRoot: exportRoot)
                }
            }
            let field0 = (well: spec.wells[0].rowLetters + "/" + String(spec.wells[0].column + 1), field: "0")
            let stackChannels = try stack.omeroChannels(well: field0.well, field: field0.field).map(\.label)
            let projectionChannels = try projection.omeroChannels(well: field0.well, field: field0.field).map(\.label)
            #expect(stackChannels.count == spec.channels && projectionChannels.count == stacked.count)
            for (index, label) in stackChannels.enumerated() {
                #expect(label.hasPrefix(spec.channelName(index)) && !label.contains("projection"), "\(name) channel \(index): \(label)")
            }
            for (index, label) in projectionChannels.enumerated() {
                #expect(label.hasPrefix(spec.channelName(stacked[index])) && label.contains("Maximum projection"),
                        "\(name)_projection channel \(index): \(label)")
            }
            // Pixel size and z step come from the MetaSeries headers alone (the HTD has neither).
            let scale = try stack.levelZeroScale(well: field0.well, field: field0.field)
            #expect(Array(scale.suffix(3)) == [spec.zStepMicrons, spec.pixelSizeMicrons, spec.pixelSizeMicrons], "\(name): \(scale)")
            #expect(try plates.pixelSize(plate: name + "_projection") == spec.pixelSizeMicrons)
        }
    }

    /// A MetaSeries header's `acquisition-time-local` as seconds since 1970, in this machine's zone.
    private static func acquisitionTime(_ path: String) throws -> Double {
        let header = try #require(try TIFFFile(path: path).imageDescription(), "\(path): no header")
        let marker = "id=\"acquisition-time-local\" type=\"time\" value=\""
        let value = try #require(header.range(of: marker).map { header[$0.upperBound...].prefix { $0 != "\"" } })
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .current
        formatter.dateFormat = "yyyyMMdd HH:mm:ss.SSS"
        return try #require(formatter.date(from: String(value)), "\(path): \(value)").timeIntervalSince1970
    }

    /// Level 0 of each projection channel is the pixel-wise maximum of the stack's planes, computed here from the plane files.
    private func expectMaximumProjections(in plate: WrittenPlate, well: PlateWell, field: Int, planes: [GeneratedImage],
                                          stacked: [Int], exportRoot: String) throws {
        let array = try plate.array(well: well.path, field: String(field), level: "0")
        let written = PixelValues.decode(try array.readAll(), as: .uint16)
        let timepoints = Set(planes.map(\.t)).count
        let planeSize = array.metadata.shape.suffix(2).reduce(1, *)
        for t in 0..<timepoints {
            for (position, channel) in stacked.enumerated() {
                var maximum = [Double](repeating: 0, count: planeSize)
                for plane in planes where plane.channel == channel && plane.t == t {
                    let values = PixelValues.decode(try TIFFFile(path: exportRoot + "/" + plane.relativePath).readPage(0), as: .uint16)
                    maximum = zip(maximum, values).map { Swift.max($0, $1) }
                }
                let start = (t * stacked.count + position) * planeSize
                #expect(Array(written[start..<(start + planeSize)]) == maximum,
                        "\(well.path)/\(field) t\(t) channel \(channel + 1): level 0 is not the maximum of its stack")
            }
        }
    }

    @Test func cellVoyagerRunsWithSettingsReferencesAndTraceLogs() async throws {
        let binary = try PlateDropBinary.located()
        let work = try TemporaryFolder()
        let exportRoot = work.path + "/export"
        let variant = Self.cellVoyager
        let export = try await variant.write(with: binary, into: exportRoot)
        let outRoot = work.path + "/out"
        let ingest = try await binary.run(["ingest", exportRoot, "--out", outRoot, "--chunk", "32"])
        #expect(ingest.exitCode == 0, "\(ingest.transcript)")
        #expect(!ingest.output.contains("rejected"), "\(ingest.transcript)")

        let plates = try RealExportPlates(outputRoot: outRoot)
        #expect(plates.names == ["CV8-Var_20240301_090000", "CV8-Var_20240301_100000"], "plates: \(plates.names)")
        #expect(export.runFolders == plates.names)
        let ignored = ingest.ignoredFiles
        #expect(ignored.count == export.companionFiles.count && Set(ignored.listed.keys) == Set(export.companionFiles),
                "\(ingest.transcript)")
        for (path, reason) in ignored.listed {
            let expected = path.contains("/DC_") ? "dark-current" : path.contains("/SC_") ? "shading-correction" : "trace log"
            #expect(reason.contains(expected), "\(path): \(reason)")
        }
        for (run, name) in plates.names.enumerated() {
            let plate = try WrittenPlate(root: outRoot + "/" + name + ".ome.zarr")
            let channels = try plate.omeroChannels(well: "A/1", field: "0")
            #expect(channels.map(\.label) == ["405 BP445/45", "488 BP525/50", "561 BP600/37"], "\(name)")
            #expect(channels.map(\.color) == ["002FFF", "00FFA1", "FF8200"], "\(name)")
            #expect(try plates.pixelSize(plate: name) == variant.spec.pixelSizeMicrons)
            let images = export.images(ofRun: run)
            for well in variant.spec.wells.map({ PlateWell($0.rowLetters + String($0.column + 1)) }) {
                for field in 0..<variant.spec.fields {
                    try PlateContents.expectLevelZeroMatchesSources(
                        plate, well: well, field: field,
                        images: images.filter { $0.row == well.row && $0.column == well.column && $0.field == field }
                            .map { VariantExport.exported($0) },
                        exportRoot: exportRoot)
                }
            }
        }
    }

    @Test func harmonyAssayLayoutIsIgnored() async throws {
        let binary = try PlateDropBinary.located()
        let work = try TemporaryFolder()
        let exportRoot = work.path + "/" + Self.harmony.spec.plateName
        let export = try await Self.harmony.write(with: binary, into: exportRoot)
        let outRoot = work.path + "/out"
        let ingest = try await binary.run(["ingest", exportRoot, "--out", outRoot])
        #expect(ingest.exitCode == 0, "\(ingest.transcript)")
        let ignored = ingest.ignoredFiles
        #expect(ignored.count == 1, "\(ingest.transcript)")
        #expect(ignored.listed["Assaylayout/OperaVar.xml"]?.contains("assay layout") == true, "\(ingest.transcript)")
        let plate = try WrittenPlate(root: outRoot + "/OperaVar.ome.zarr")
        let well = PlateWell("B2")
        for field in 0..<2 {
            try PlateContents.expectLevelZeroMatchesSources(
                plate, well: well, field: field,
                images: export.images.filter { $0.field == field }.map { VariantExport.exported($0) }, exportRoot: exportRoot)
        }
    }
}
