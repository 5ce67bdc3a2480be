import Foundation
import PlateDropTestSupport
import SampleExports
import Testing

/// `platedrop sample-export` for the instruments of issue 12, then `platedrop ingest --layout auto`, as a user
/// runs them: the layout is recognised, every plane lands at its 0-based place, plates are named as the
/// instrument names its runs, the plan files describe the channels and pixel size, and the instrument's
/// other files are ignored with their reason.
@Suite("ingest of synthetic Cellomics, HCS.ai, scanR, IN Cell and Cytation exports")
struct InstrumentLayoutIngestTests {
    static let cellomics = VariantExport(
        summary: "Cellomics: 3 fields, 3 channels, two wells of a 384-well plate",
        spec: ExportSpec(layout: .cellomics, plateName: "AS_09047_050428030001", rows: 16, columns: 24,
                         wells: [WellIndex(row: 14, column: 0), WellIndex(row: 14, column: 23)], fields: 3, channels: 3,
                         width: 64, height: 48, sampleType: .uint8))

    static let hcsAI = VariantExport(
        summary: "HCS.ai: 2 runs, 2 time points, z 3, protocol, autofocus logs and statistics sidecars",
        spec: ExportSpec(layout: .imageXpressHCSAI, plateName: "test_data", wells: [WellIndex(row: 2, column: 4)],
                         fields: 2, channels: 2, zPlanes: 3, timepoints: 2, width: 64, height: 48,
                         runs: 2, runFolders: .exported, instrumentFiles: true))

    static let scanR = VariantExport(
        summary: "scanR: 2 positions, 2 channels named in the file names, z 2, metadata.ome.xml",
        spec: ExportSpec(layout: .scanR, plateName: "unused", wells: [WellIndex(row: 1, column: 1), WellIndex(row: 7, column: 11)],
                         fields: 2, channels: 2, zPlanes: 2, width: 64, height: 48))

    static let inCell = VariantExport(
        summary: "IN Cell: classic names with z and time, a .xdce",
        spec: ExportSpec(layout: .inCell, plateName: "Plate 7", wells: [WellIndex(row: 1, column: 2), WellIndex(row: 6, column: 7)],
                         fields: 2, channels: 2, zPlanes: 2, timepoints: 2, width: 64, height: 48))

    static let cytation = VariantExport(
        summary: "Cytation: Gen5 names with z and time, channels by name, no plan",
        spec: ExportSpec(layout: .cytation, plateName: "unused", wells: [WellIndex(row: 0, column: 0), WellIndex(row: 7, column: 9)],
                         fields: 2, channels: 2, zPlanes: 3, timepoints: 2, width: 64, height: 48,
                         channelNames: ["Phase Contrast", "GFP"]))

    static let cq3000 = VariantExport(
        summary: "CQ3000: 2 runs keeping only the maximum projections of 3-plane stacks, wells named by index",
        spec: ExportSpec(layout: .cq3000, plateName: "Screen", rows: 16, columns: 24,
                         wells: [WellIndex(row: 0, column: 23), WellIndex(row: 15, column: 0)], fields: 2, channels: 2,
                         zPlanes: 3, width: 64, height: 48, runs: 2, runFolders: .exported))

    /// Ingests `variant` with `--layout auto`; returns the export, the run and the plates written.
    private func ingest(_ variant: VariantExport, rootName: String = "export")
        async throws -> (export: GeneratedExport, run: CommandResult, outRoot: String, work: TemporaryFolder) {
        let binary = try PlateDropBinary.located()
        let work = try TemporaryFolder()
        let exportRoot = work.path + "/" + rootName
        let export = try await variant.write(with: binary, into: exportRoot)
        let outRoot = work.path + "/out"
        let run = try await binary.run(["ingest", exportRoot, "--out", outRoot, "--layout", "auto", "--chunk", "32"])
        #expect(run.exitCode == 0, "\(run.transcript)")
        let layout = variant.spec.layout == .cq3000 ? "yokogawa" : variant.spec.layout.rawValue
        #expect(run.standardOutput.contains("layout \(layout)"), "\(run.transcript)")
        #expect(!run.output.contains("rejected"), "\(run.transcript)")
        #expect(!run.output.contains("plan:"), "\(run.transcript)")
        return (export, run, outRoot, work)
    }

    /// Every image of `export` (one run) at its place in `plate`.
    private func expectEveryPlane(of images: [GeneratedImage], in plate: WrittenPlate, exportRoot: String) throws {
        let byField = Dictionary(grouping: images) { [$0.row, $0.column, $0.field] }
        for (position, fieldImages) in byField {
            let well = PlateWell(PlateWell.rowName(position[0]) + String(position[1] + 1))
            try PlateContents.expectLevelZeroMatchesSources(
                plate, well: well, field: position[2], images: fieldImages.map { VariantExport.exported($0) },
                exportRoot: exportRoot)
        }
    }

    @Test func cellomicsNamesAlone() async throws {
        let (export, run, outRoot, work) = try await ingest(Self.cellomics)
        let plates = try RealExportPlates(outputRoot: outRoot)
        #expect(plates.names == ["AS_09047_050428030001"])
        #expect(export.images.first?.relativePath == "AS_09047_050428030001_O01f00d0.tif")
        let grid = try plates.plateGrid(plate: "AS_09047_050428030001")
        #expect(grid.rows == 16 && grid.columns == 24, "\(grid)")
        #expect(Set(try plates.levelZeroShapes(plate: "AS_09047_050428030001").keys)
                == Set(["O/1", "O/24"].flatMap { well in (0..<3).map { "\(well)/\($0)" } }))
        let plate = try WrittenPlate(root: outRoot + "/AS_09047_050428030001.ome.zarr")
        try expectEveryPlane(of: export.images, in: plate, exportRoot: work.path + "/export")
        #expect(run.ignoredFiles.count == 0, "\(run.transcript)")
    }

    @Test func hcsAIRunsWithDescriptorManifestAndSidecars() async throws {
        let (export, run, outRoot, work) = try await ingest(Self.hcsAI)
        let spec = Self.hcsAI.spec
        let plates = try RealExportPlates(outputRoot: outRoot)
        #expect(plates.names == ["test_data_20240301_090000", "test_data_20240301_100000"], "\(plates.names)")
        #expect(export.runFolders == plates.names)
        let ignored = run.ignoredFiles
        // ingest lists the first ignored files and counts the rest.
        #expect(ignored.count == export.companionFiles.count && Set(ignored.listed.keys).isSubset(of: export.companionFiles),
                "\(run.transcript)")
        for (path, reason) in ignored.listed {
            let expected = path.hasSuffix(".statistics.json") ? "statistics sidecar"
                : path.hasSuffix(".mxprotocol") ? "protocol" : "autofocus"
            #expect(reason.contains(expected), "\(path): \(reason)")
        }
        for (index, name) in plates.names.enumerated() {
            #expect(try plates.channelLabels(plate: name) == ["DAPI", "FITC"], "\(name)")
            #expect(try plates.pixelSize(plate: name) == spec.pixelSizeMicrons, "\(name)")
            let grid = try plates.plateGrid(plate: name)
            #expect(grid.rows == 8 && grid.columns == 12, "\(name): \(grid)")
            let plate = try WrittenPlate(root: outRoot + "/" + name + ".ome.zarr")
            #expect(try plate.levelZeroScale(well: "C/5", field: "0")
                    == [1, 1, spec.zStepMicrons, spec.pixelSizeMicrons, spec.pixelSizeMicrons], "\(name)")
            try expectEveryPlane(of: export.images(ofRun: index), in: plate, exportRoot: work.path + "/export")
        }
    }

    /// Each CQ3000 run is its own projection plate; its plan places the wells its names number (W0024 is A24
    /// and W0361 is P1 on the 384-well plate), and the channels say they are projections.
    @Test func cq3000RunsArePlacedByTheirPlans() async throws {
        let (export, _, outRoot, work) = try await ingest(Self.cq3000)
        #expect(export.images.first?.relativePath == "Screen_20240301_090000/Projection/W0024F0001T0001Z000C1.tif")
        #expect(export.images.contains { $0.relativePath.hasSuffix("/W0361F0002T0001Z000C2.tif") })
        let plates = try RealExportPlates(outputRoot: outRoot)
        #expect(plates.names == export.runFolders.map { $0 + "_projection" }, "\(plates.names)")
        for (index, name) in plates.names.enumerated() {
            #expect(try plates.channelLabels(plate: name) == ["C01 (Maximum projection)", "C02 (Maximum projection)"])
            let grid = try plates.plateGrid(plate: name)
            #expect(grid.rows == 16 && grid.columns == 24, "\(name): \(grid)")
            #expect(Set(try plates.levelZeroShapes(plate: name).keys) == ["A/24/0", "A/24/1", "P/1/0", "P/1/1"])
            let plate = try WrittenPlate(root: outRoot + "/" + name + ".ome.zarr")
            try expectEveryPlane(of: export.images(ofRun: index), in: plate, exportRoot: work.path + "/export")
        }
    }

    /// Without a run folder the export root is the run: its name names the plate.
    @Test func hcsAIUnitAtTheRootIsNamedAfterTheExportFolder() async throws {
        var spec = Self.hcsAI.spec
        (spec.runs, spec.runFolders, spec.instrumentFiles, spec.timepoints) = (1, .none, false, 1)
        let variant = VariantExport(summary: "HCS.ai without a run folder", spec: spec)
        let (export, _, outRoot, work) = try await ingest(variant, rootName: "Screen 12_20240301_090000")
        #expect(export.images.first?.relativePath == "experiment/timepoint0/test_data_t0_C05_s0_w0_z0.tif")
        let plates = try RealExportPlates(outputRoot: outRoot)
        #expect(plates.names == ["Screen 12_20240301_090000"])
        let plate = try WrittenPlate(root: outRoot + "/Screen 12_20240301_090000.ome.zarr")
        try expectEveryPlane(of: export.images, in: plate, exportRoot: work.path + "/Screen 12_20240301_090000")
    }

    @Test func scanRMetadataPlacesChannelsAndWells() async throws {
        let (export, _, outRoot, work) = try await ingest(Self.scanR, rootName: "scanR run 7")
        #expect(export.images.first?.relativePath == "data/B2--W00014--P00001--Z00000--T00000--DAPI.tif")
        let plates = try RealExportPlates(outputRoot: outRoot)
        #expect(plates.names == ["scanR run 7"])
        #expect(try plates.channelLabels(plate: "scanR run 7") == ["DAPI", "FITC"])
        #expect(try plates.pixelSize(plate: "scanR run 7") == Self.scanR.spec.pixelSizeMicrons)
        let plate = try WrittenPlate(root: outRoot + "/scanR run 7.ome.zarr")
        #expect(try plate.levelZeroScale(well: "H/12", field: "1")
                == [1, Self.scanR.spec.zStepMicrons, Self.scanR.spec.pixelSizeMicrons, Self.scanR.spec.pixelSizeMicrons])
        try expectEveryPlane(of: export.images, in: plate, exportRoot: work.path + "/scanR run 7")
    }

    @Test func inCellXDCEPlacesChannelsAndDescribesThePlate() async throws {
        let (export, _, outRoot, work) = try await ingest(Self.inCell, rootName: "Plate 7")
        #expect(export.images.first?.relativePath == "B - 03(fld 1 wv DAPI - DAPI z 1 - time 1 - 0 ms).tif")
        #expect(export.planFiles == ["Plate 7.xdce"])
        let plates = try RealExportPlates(outputRoot: outRoot)
        #expect(plates.names == ["Plate 7"])
        #expect(try plates.channelLabels(plate: "Plate 7") == ["DAPI", "FITC"])
        let spec = Self.inCell.spec
        let plate = try WrittenPlate(root: outRoot + "/Plate 7.ome.zarr")
        #expect(try plate.levelZeroScale(well: "G/8", field: "1")
                == [1, 1, spec.zStepMicrons, spec.pixelSizeMicrons, spec.pixelSizeMicrons])
        try expectEveryPlane(of: export.images, in: plate, exportRoot: work.path + "/Plate 7")
    }

    /// Gen5 names number neither channels nor (from 0) z: channels are ordered by name, z by its number.
    @Test func cytationNamesAlone() async throws {
        let (export, _, outRoot, work) = try await ingest(Self.cytation, rootName: "Plate 1_BC123")
        #expect(export.images.first?.relativePath == "A1_1Z1_Phase Contrast_1_001_.tif")
        let plates = try RealExportPlates(outputRoot: outRoot)
        #expect(plates.names == ["Plate 1_BC123"])
        #expect(try plates.channelLabels(plate: "Plate 1_BC123") == ["GFP", "Phase Contrast"])
        let plate = try WrittenPlate(root: outRoot + "/Plate 1_BC123.ome.zarr")
        // GFP (spec channel 1) sorts first.
        let placed = export.images.map { image in
            GeneratedImage(relativePath: image.relativePath, row: image.row, column: image.column, field: image.field,
                           channel: 1 - image.channel, z: image.z, t: image.t)
        }
        try expectEveryPlane(of: placed, in: plate, exportRoot: work.path + "/Plate 1_BC123")
    }
}
