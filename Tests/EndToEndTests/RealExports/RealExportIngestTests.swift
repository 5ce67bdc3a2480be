import Foundation
import PlateDropTestSupport
import Testing
import TIFF
import Zarr

/// `platedrop ingest` on the real instrument exports of the optional corpus (`RealExportCorpus`): a clean
/// export exits 0, and every plane a source TIFF holds is found, bit for bit, in a written plate.
@Suite("ingest of real instrument exports", .serialized)
struct RealExportIngestTests {
    /// The CellVoyager export's 768 MB of all-zero placeholders prove nothing by content;
    /// `RealExportClassificationTests` covers its files.
    @Test(.enabled(if: RealExportCorpus.isPresent, RealExportCorpus.absenceNote),
          arguments: RealExportCorpus.exportsWithPixels.keys.sorted())
    func everySourcePlaneIsInAPlate(export: String) async throws {
        let work = try TemporaryFolder()
        let run = try await PlateDropBinary.located().run(["ingest", RealExportCorpus.path(export), "--out", work.path])
        let rejected = RealExportCorpus.exportsWithPixels[export, default: []]
        #expect(run.exitCode == (rejected.isEmpty ? 0 : 1), "\(run.transcript)")
        for file in rejected {
            #expect(run.standardOutput.contains("\(file): plan describes"), "\(file) not reported: \(run.transcript)")
        }
        let written = try RealExportPlates(outputRoot: work.path)
        for source in RealExportPlates.sourceImages(under: RealExportCorpus.path(export)) {
            let file = try TIFFFile(path: source)
            for page in 0..<file.pageCount {
                #expect(written.holds(try file.readPage(page)), "\(source) page \(page + 1) is in no written plate")
            }
        }
    }

    @Test(.enabled(if: RealExportCorpus.isPresent, RealExportCorpus.absenceNote))
    func runsAndProjectionsAreSeparatePlates() async throws {
        let work = try TemporaryFolder()
        let export = RealExportCorpus.path("imagexpress/faim-ipa-metaxpress-exported")
        let run = try await PlateDropBinary.located().run(["ingest", export, "--out", work.path])
        #expect(run.exitCode == 0, "\(run.transcript)")
        let runs = try FileManager.default.contentsOfDirectory(atPath: export).filter { $0.contains("_Plate_") }
        let plates = try RealExportPlates(outputRoot: work.path)
        #expect(Set(plates.names) == Set(runs + ["9987_Plate_3434_projection"]), "\(plates.names)")
        for name in plates.names {
            let channels = try plates.channelLabels(plate: name)
            #expect(try plates.pixelSize(plate: name) == 1.3672, "\(name)")
            if name.hasSuffix("_projection") {
                #expect(channels.allSatisfy { $0.contains("projection") }, "\(name): \(channels)")
            } else {
                #expect(channels.allSatisfy { !$0.contains("projection") }, "\(name): \(channels)")
            }
        }
        #expect(try plates.channelLabels(plate: "9987_Plate_3435") == ["DAPI", "FITC"])
    }

    /// Nothing is keyed to the corpus's names: the stored-layout run renamed (plate, date and run id)
    /// gives the same plates under the new names.
    @Test(.enabled(if: RealExportCorpus.isPresent, RealExportCorpus.absenceNote))
    func renamedCopyBehavesTheSame() async throws {
        let work = try TemporaryFolder()
        let original = RealExportCorpus.path("imagexpress/faim-ipa-metaxpress-stored/Projection-Mix/2023-02-21/1334")
        let copy = work.path + "/export/Screen B/2024-11-30/88"
        try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
        let walker = FileManager.default.enumerator(atPath: original)
        while let relative = walker?.nextObject() as? String {
            guard relative.lowercased().hasSuffix(".tif") else { continue }
            let renamed = copy + "/" + relative.replacingOccurrences(of: "Projection-Mix", with: "Screen B")
            try FileManager.default.createDirectory(atPath: (renamed as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: original + "/" + relative, toPath: renamed)
        }
        let binary = try PlateDropBinary.located()
        let renamedRun = try await binary.run(["ingest", work.path + "/export", "--out", work.path + "/renamed"])
        let originalRun = try await binary.run(["ingest", RealExportCorpus.path("imagexpress/faim-ipa-metaxpress-stored"),
                                                "--out", work.path + "/original"])
        #expect(renamedRun.exitCode == 0, "\(renamedRun.transcript)")
        #expect(originalRun.exitCode == 0, "\(originalRun.transcript)")
        let renamed = try RealExportPlates(outputRoot: work.path + "/renamed")
        let originals = try RealExportPlates(outputRoot: work.path + "/original")
        #expect(renamed.names == ["Screen B_Plate_88", "Screen B_Plate_88_projection"])
        for (new, old) in zip(renamed.names, ["Projection-Mix_Plate_1334", "Projection-Mix_Plate_1334_projection"]) {
            #expect(try renamed.channelLabels(plate: new) == originals.channelLabels(plate: old))
            #expect(try renamed.levelZeroShapes(plate: new) == originals.levelZeroShapes(plate: old))
        }
    }
}

/// The Cellomics TIFF conversions of the corpus: two scans, two plates, named by label and scan id.
@Suite("ingest of the real Cellomics export")
struct RealCellomicsIngestTests {
    @Test(.enabled(if: RealExportCorpus.isPresent, RealExportCorpus.absenceNote))
    func twoScansAreTwoPlatesWithTheirWellsFieldsAndChannels() async throws {
        let work = try TemporaryFolder()
        let run = try await PlateDropBinary.located().run(
            ["ingest", RealExportCorpus.path("cellomics/cellprofiler-examples"), "--out", work.path, "--layout", "auto"])
        #expect(run.exitCode == 0, "\(run.transcript)")
        let plates = try RealExportPlates(outputRoot: work.path)
        #expect(plates.names == ["AS_09047_050428030001", "AS_09125_050116030001"], "\(plates.names)")

        let human = try plates.levelZeroShapes(plate: "AS_09125_050116030001")
        #expect(Array(human.keys) == ["D/3/0"], "\(human)")
        #expect(human["D/3/0"] == [3, 1, 512, 512], "3 channels, 1 z, 512²: \(human)")

        let illumination = try plates.levelZeroShapes(plate: "AS_09047_050428030001")
        let expectedFields = Set((1...24).flatMap { column in (0..<3).map { "O/\(column)/\($0)" } })
        #expect(Set(illumination.keys) == expectedFields)
        #expect(illumination.values.allSatisfy { $0 == [1, 1, 512, 512] }, "\(Set(illumination.values.map { "\($0)" }))")
        let grid = try plates.plateGrid(plate: "AS_09047_050428030001")
        #expect(grid.rows == 16 && grid.columns == 24, "a 384-well plate: \(grid)")
    }
}

/// The ImageXpress HCS.ai run of the corpus: what the `.jdce` says of plate, channel and pixel size reaches the plate.
@Suite("ingest of the real ImageXpress HCS.ai run")
struct RealHCSAIIngestTests {
    @Test(.enabled(if: RealExportCorpus.isPresent, RealExportCorpus.absenceNote))
    func wellC5OfA96WellPlateInDAPIAt1294Nanometres() async throws {
        let work = try TemporaryFolder()
        let export = RealExportCorpus.path("imagexpress-hcsai/fractal-uzh-converters")
        let run = try await PlateDropBinary.located().run(["ingest", export, "--out", work.path, "--layout", "auto"])
        #expect(run.exitCode == 0, "\(run.transcript)")
        #expect(run.standardOutput.contains("layout imagexpress-hcsai"), "\(run.transcript)")
        let plates = try RealExportPlates(outputRoot: work.path)
        #expect(plates.names == ["test_data_20260302_135747"])
        let plate = "test_data_20260302_135747"
        #expect(try plates.levelZeroShapes(plate: plate) == ["C/5/0": [1, 1, 576, 576]])
        let grid = try plates.plateGrid(plate: plate)
        #expect(grid.rows == 8 && grid.columns == 12, "a 96-well plate: \(grid)")
        #expect(try plates.channelLabels(plate: plate) == ["DAPI"])
        #expect(try plates.pixelSize(plate: plate) == 1.294)
        let source = try TIFFFile(path: export + "/1w1s1t1c1z_binning4x4/test_data_20260302_135747/experiment/timepoint0/"
                                  + "test_data_t0_C05_s0_w0_z0.tif")
        #expect(plates.holds(try source.readPage(0)), "the plate's level 0 is not the TIFF's pixels")
    }
}

/// The CQ3000 measurements of the corpus hold their plan files only (the images are too large for it), so the
/// test writes a TIFF at every path their mlf names: each name numbers its well, and the plan places it.
@Suite("ingest of the real CellVoyager CQ3000 plan files")
struct RealCQ3000IngestTests {
    private static let measurements = [
        "yokogawa/fractal-uzh-converters-cq3000/2w1p1c1z1t_mip",
        "yokogawa/fractal-uzh-converters-cq3000-upstream/hcs_2w1p1c1z1t_mip",
    ]

    /// Copies each measurement's plan files into `root/<name>/` and writes a distinct 64×48 plane at every
    /// image path its mlf lists; returns the planes written.
    private static func export(into root: String, names: [String]) throws -> [[UInt8]] {
        var planes: [[UInt8]] = []
        for (measurement, name) in zip(measurements, names) {
            let source = RealExportCorpus.path(measurement)
            let folder = root + "/" + name
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for file in try FileManager.default.contentsOfDirectory(atPath: source) where file != "PROVENANCE.md" {
                try FileManager.default.copyItem(atPath: source + "/" + file, toPath: folder + "/" + file)
            }
            let list = try String(contentsOfFile: source + "/MeasurementData.mlf", encoding: .utf8)
            let paths = list.split(separator: "<").compactMap { tag -> String? in
                guard tag.hasPrefix("bts:MeasurementRecord"), let text = tag.split(separator: ">").last else { return nil }
                return String(text)
            }
            try #require(paths.count == 2, "\(measurement): \(paths)")
            for path in paths {
                let plane = (0..<64 * 48).flatMap { index -> [UInt8] in
                    let value = UInt16(truncatingIfNeeded: index * 7 + planes.count * 1000)
                    return [UInt8(value & 0xFF), UInt8(value >> 8)]
                }
                try FileManager.default.createDirectory(atPath: folder + "/" + (path as NSString).deletingLastPathComponent,
                                                        withIntermediateDirectories: true)
                try TIFFWriter.write(path: folder + "/" + path, width: 64, height: 48, sampleType: .uint16, pages: [plane])
                planes.append(plane)
            }
        }
        return planes
    }

    @Test(.enabled(if: RealExportCorpus.isPresent, RealExportCorpus.absenceNote),
          arguments: [["2w1p1c1z1t_mip", "hcs_2w1p1c1z1t_mip"], ["Screen 4_20251020_100401", "other run"]])
    func wellIndicesArePlacedByThePlanAndProjectionsKeptApart(names: [String]) async throws {
        let work = try TemporaryFolder()
        let planes = try Self.export(into: work.path + "/export", names: names)
        let run = try await PlateDropBinary.located().run(
            ["ingest", work.path + "/export", "--out", work.path + "/out", "--layout", "auto"])
        #expect(run.exitCode == 0, "\(run.transcript)")
        #expect(run.standardOutput.contains("layout yokogawa"), "\(run.transcript)")
        #expect(!run.output.contains("rejected"), "\(run.transcript)")
        let plates = try RealExportPlates(outputRoot: work.path + "/out")
        #expect(plates.names == names.map { $0 + "_projection" }.sorted(), "\(plates.names)")
        // Each measurement's mrf gives its own instrument's pixel size.
        let pixelSizes = [names[0] + "_projection": 0.3242218675179569, names[1] + "_projection": 0.32283699215257772]
        for plate in plates.names {
            // W0029 and W0069 on the 8×12 plate the mrf gives: C5 and F9, as the mlf's Row and Column say.
            #expect(try plates.levelZeroShapes(plate: plate) == ["C/5/0": [1, 1, 48, 64], "F/9/0": [1, 1, 48, 64]])
            let grid = try plates.plateGrid(plate: plate)
            #expect(grid.rows == 8 && grid.columns == 12, "\(plate): \(grid)")
            #expect(try plates.pixelSize(plate: plate) == pixelSizes[plate])
            let labels = try plates.channelLabels(plate: plate)
            #expect(labels.allSatisfy { $0.contains("Maximum projection") }, "\(labels)")
        }
        for plane in planes {
            #expect(plates.holds(plane), "a written plane is not in any plate")
        }
    }
}
