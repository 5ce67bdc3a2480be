import Foundation
import Layouts
import SampleExports
import Testing
import TIFF

/// The real-world variants of the synthetic exports write what they claim: MetaSeries headers the product's
/// parser reads, projections that are the pixel-wise maximum of their stack, byte-identical copies of
/// single-plane channels, runs in separate folders with their own pixels, and the CellVoyager and Harmony
/// companion files. (Here rather than in TIFFTests because the headers are read with `Layouts`.)
@Suite("Synthetic exports: MetaSeries headers, runs, projections, single-plane channels, instrument files")
struct SampleExportVariantsTests {
    /// Two wells, two fields, three channels (the third single-plane), a 3-plane stack, two runs.
    static func imageXpressSpec(runFolders: RunFolderStyle = .exported, runs: Int = 2) -> ExportSpec {
        ExportSpec(layout: .imageXpress, plateName: "Var-1", wells: [WellIndex(row: 0, column: 0), WellIndex(row: 1, column: 2)],
                   fields: 2, channels: 3, zPlanes: 3, width: 24, height: 16, pixelSizeMicrons: 0.325, zStepMicrons: 1.5,
                   runs: runs, runFolders: runFolders, maximumProjection: true, singlePlaneChannels: [2])
    }

    static func header(_ path: String) throws -> String {
        let file = try TIFFFile(path: path)
        return try #require(try file.imageDescription(page: 0), "no ImageDescription in \(path)")
    }

    static func metadata(_ path: String) throws -> MetaSeriesMetadata {
        try #require(MetaSeriesMetadata(description: try header(path)), "\(path): not MetaSeries XML")
    }

    static func uint16Values(_ bytes: [UInt8]) -> [UInt16] {
        stride(from: 0, to: bytes.count, by: 2).map { UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8 }
    }

    static func isCopy(_ image: GeneratedImage) -> Bool {
        if case .repeatedPlane = image.kind { true } else { false }
    }

    @Test("every plane's MetaSeries header parses and gives the spec's calibration, channel, stage, focus and time")
    func metaSeriesHeaders() throws {
        let directory = try TemporaryDirectory()
        var spec = ExportSpec(layout: .imageXpress, plateName: "Headers", wells: [WellIndex(row: 0, column: 0), WellIndex(row: 2, column: 5)],
                              fields: 4, channels: 2, zPlanes: 3, timepoints: 2, width: 20, height: 12,
                              pixelSizeMicrons: 0.4, zStepMicrons: 2.5, metaSeriesHeaders: true)
        spec.channelNames = ["Hoechst & co", "GFP"]
        let export = try SampleExportGenerator.generate(spec, into: directory.path)
        #expect(export.images.count == 2 * 4 * 2 * 3 * 2)
        var headers: [String: String] = [:]
        var times: Set<Double> = []
        for image in export.images {
            let path = directory.file(image.relativePath)
            let text = try Self.header(path)
            let header = try Self.metadata(path)
            #expect(header.pixelSizeX == 0.4 && header.pixelSizeY == 0.4, "\(image.relativePath)")
            #expect(header.spatialUnit == "um")
            #expect(header.channelName == spec.channelName(image.channel))
            #expect(header.wavelengthNanometres == [452, 520][image.channel])
            #expect(header.projectionMethod == nil)
            // Focus rises by the z step from plane to plane; the stage moves by whole fields within a well.
            let first = try Self.metadata(directory.file(export.images.first { $0.row == image.row && $0.column == image.column
                    && $0.t == image.t && $0.field == 0 && $0.z == 0 && $0.channel == image.channel }!.relativePath))
            let zPosition = try #require(header.zPosition), firstZ = try #require(first.zPosition)
            #expect(abs(zPosition - firstZ - 2.5 * Double(image.z)) < 1e-9, "\(image.relativePath)")
            let column = Double(image.field % 2), row = Double(image.field / 2)
            let stageX = try #require(header.stageX) - #require(first.stageX)
            let stageY = try #require(header.stageY) - #require(first.stageY)
            #expect(abs(stageX - column * 20 * 0.4) < 1e-6 && abs(stageY - row * 12 * 0.4) < 1e-6,
                    "\(image.relativePath): stage moved (\(stageX), \(stageY)) from field 1")
            times.insert(try #require(header.localAcquisitionTime, "\(image.relativePath): no acquisition time"))
            headers[image.relativePath] = text
        }
        #expect(times.count == export.images.count, "two planes share an acquisition time")
        #expect(Set(headers.values).count == export.images.count, "two planes share a header")
        // "20240301 09:00:00.100": MetaSeries local time, to the millisecond.
        let sample = try #require(headers[export.images[0].relativePath])
        #expect(sample.contains("<prop id=\"acquisition-time-local\" type=\"time\" value=\"20240301 09:00:00.100\"/>"), "\(sample)")
        #expect(sample.contains("<prop id=\"_IllumSetting_\" type=\"string\" value=\"Hoechst &#38; co\"/>"), "\(sample)")

        // Without the option the files carry no description at all, as before.
        spec.metaSeriesHeaders = false
        let plain = try SampleExportGenerator.generate(spec, into: directory.file("plain"))
        #expect(try TIFFFile(path: plain.root + "/" + plain.images[0].relativePath).imageDescription() == nil)
    }

    @Test("ZStep_0 holds the pixel-wise maximum of each stack, its header naming the Maximum projection")
    func maximumProjections() throws {
        let directory = try TemporaryDirectory()
        let spec = Self.imageXpressSpec(runFolders: .none, runs: 1)
        let export = try SampleExportGenerator.generate(spec, into: directory.path)
        let projections = export.images.filter { $0.kind == .maximumProjection }
        #expect(projections.count == 2 * 2 * 2, "one per well, field and stacked channel")
        for projection in projections {
            #expect(projection.relativePath.hasPrefix("ZStep_0/"))
            let stack = export.images.filter {
                $0.isPlane && $0.row == projection.row && $0.column == projection.column && $0.field == projection.field
                    && $0.channel == projection.channel
            }
            try #require(stack.map(\.z).sorted() == [0, 1, 2], "\(projection.relativePath): stack \(stack.map(\.relativePath))")
            var maximum = [UInt16](repeating: 0, count: spec.width * spec.height)
            var planes: [[UInt16]] = []
            for plane in stack {
                let values = Self.uint16Values(try TIFFFile(path: directory.file(plane.relativePath)).readPage(0))
                planes.append(values)
                maximum = zip(maximum, values).map { Swift.max($0, $1) }
            }
            let written = try TIFFFile(path: directory.file(projection.relativePath)).readPage(0)
            #expect(Self.uint16Values(written) == maximum, "\(projection.relativePath) is not the maximum of its stack")
            #expect(!planes.contains(maximum), "the projection equals one plane: the test proves nothing")
            #expect(written == SampleExportGenerator.pixels(of: projection, spec: spec))
            let header = try Self.metadata(directory.file(projection.relativePath))
            #expect(header.projectionMethod == "Maximum")
            #expect(header.projectionStepSize == 1.5)
            #expect(header.pixelSizeX == 0.325)
        }
        let htd = try String(contentsOfFile: directory.file("Var-1.HTD"), encoding: .utf8)
        #expect(htd.contains("\"ZProjection\", TRUE"))
    }

    @Test("a single-plane channel is one file repeated byte for byte in every ZStep folder, ZStep_0 included")
    func singlePlaneCopies() throws {
        let directory = try TemporaryDirectory()
        let spec = Self.imageXpressSpec(runFolders: .none, runs: 1)
        let export = try SampleExportGenerator.generate(spec, into: directory.path)
        let originals = export.images.filter { $0.channel == 2 && $0.isPlane }
        #expect(originals.count == 2 * 2)
        #expect(export.images.filter { $0.channel == 2 && $0.kind == .maximumProjection }.isEmpty)
        for original in originals {
            #expect(original.relativePath.hasPrefix("ZStep_1/"))
            let copies = export.images.filter { $0.kind == .repeatedPlane(original: original.relativePath) }
            #expect(Set(copies.map { $0.relativePath.split(separator: "/").first! }) == ["ZStep_0", "ZStep_2", "ZStep_3"])
            let bytes = try Data(contentsOf: URL(fileURLWithPath: directory.file(original.relativePath)))
            for copy in copies {
                #expect(try Data(contentsOf: URL(fileURLWithPath: directory.file(copy.relativePath))) == bytes,
                        "\(copy.relativePath) differs from \(original.relativePath)")
            }
            let header = try Self.metadata(directory.file(original.relativePath))
            #expect(header.projectionMethod == nil, "a single plane is no projection, even in ZStep_0")
            #expect(header.channelName == "TRITC")
            let pixels = try TIFFFile(path: directory.file(original.relativePath)).readPage(0)
            #expect(pixels == SampleExportGenerator.plane(spec: spec, row: original.row, column: original.column,
                                                          field: original.field, channel: 2, z: 0, t: 0))
        }
        // Every file that is no copy has a header of its own.
        let own = export.images.filter { !Self.isCopy($0) }
        let headers = try own.map { try Self.header(directory.file($0.relativePath)) }
        #expect(Set(headers).count == own.count)
        #expect(export.images.count == own.count + 2 * 2 * 3)
    }

    @Test("exported runs: <plate>_Plate_<id>/ folders, each with its own HTD and its own pixels")
    func exportedRuns() throws {
        let directory = try TemporaryDirectory()
        let spec = Self.imageXpressSpec()
        let export = try SampleExportGenerator.generate(spec, into: directory.path)
        #expect(export.runFolders == ["Var-1_Plate_3420", "Var-1_Plate_3421"])
        #expect(export.planFiles == ["Var-1_Plate_3420/Var-1.HTD", "Var-1_Plate_3421/Var-1.HTD"])
        let first = export.images(ofRun: 0), second = export.images(ofRun: 1)
        #expect(first.count == second.count && first.count * 2 == export.images.count)
        #expect(first.allSatisfy { $0.relativePath.hasPrefix("Var-1_Plate_3420/") })
        #expect(second.allSatisfy { $0.relativePath.hasPrefix("Var-1_Plate_3421/") })
        #expect(first.contains { $0.relativePath == "Var-1_Plate_3420/ZStep_2/Var-1_B03_s2_w1.TIF" })
        let htds = try export.planFiles.map { try String(contentsOfFile: directory.file($0), encoding: .utf8) }
        #expect(htds[0] != htds[1], "each run has its own UniquePlateIdentifier")
        #expect(htds.allSatisfy { $0.contains("\"ZSteps\", 3") })
        for (one, other) in zip(first, second) where one.isPlane {
            #expect(one.relativePath.dropFirst("Var-1_Plate_3420".count) == other.relativePath.dropFirst("Var-1_Plate_3421".count))
            let pixels = try TIFFFile(path: directory.file(one.relativePath)).readPage(0)
            #expect(pixels != (try TIFFFile(path: directory.file(other.relativePath)).readPage(0)),
                    "\(one.relativePath) and its second-run twin hold the same pixels")
            #expect(try Self.header(directory.file(one.relativePath)) != Self.header(directory.file(other.relativePath)))
        }
        // The first run keeps the pixels a run-less export of the same spec has.
        let image = first[0]
        #expect(try TIFFFile(path: directory.file(image.relativePath)).readPage(0)
            == SampleExportGenerator.plane(spec: spec, row: image.row, column: image.column, field: image.field,
                                           channel: image.channel, z: image.z, t: image.t))
    }

    @Test("database runs: <plate>/<date>/<id>/ with GUID names, no HTD, projections beside ZStep_N, no copies")
    func databaseRuns() throws {
        let directory = try TemporaryDirectory()
        let spec = Self.imageXpressSpec(runFolders: .database)
        let export = try SampleExportGenerator.generate(spec, into: directory.path)
        #expect(export.runFolders == ["Var-1/2024-03-01/3420", "Var-1/2024-03-01/3421"])
        #expect(export.planFiles.isEmpty)
        let files = try FileManager.default.subpathsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tif") }
        #expect(files.sorted() == export.images.map(\.relativePath).sorted())
        #expect(!export.images.contains(where: Self.isCopy))
        let name = #/Var-1_[A-H]\d{2}_s\d_w\d[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\.tif/#
        for image in export.images {
            let parts = image.relativePath.split(separator: "/").map(String.init)
            #expect(parts.last!.wholeMatch(of: name) != nil, "\(image.relativePath)")
            switch image.kind {
            case .maximumProjection:
                #expect(parts.count == 4, "a projection sits beside the ZStep folders: \(image.relativePath)")
                #expect(try Self.metadata(directory.file(image.relativePath)).projectionMethod == "Maximum")
            case .plane:
                #expect(parts[3] == "ZStep_\(image.z + 1)", "\(image.relativePath)")
                #expect(image.channel != 2 || image.z == 0, "a single plane is stored once")
            case .repeatedPlane:
                Issue.record("no copies in the database layout: \(image.relativePath)")
            }
        }
        #expect(export.images.filter { $0.channel == 2 }.count == 2 * 2 * 2)
    }

    @Test("Yokogawa runs: measurement folders <title>_<yyyymmdd>_<hhmmss>/<title>/, mlf naming files beside it")
    func yokogawaRuns() throws {
        let directory = try TemporaryDirectory()
        let spec = ExportSpec(layout: .yokogawa, plateName: "CV_run", wells: [WellIndex(row: 3, column: 7)], fields: 2,
                              channels: 2, zPlanes: 2, width: 20, height: 12, runs: 3, runFolders: .exported)
        let export = try SampleExportGenerator.generate(spec, into: directory.path)
        #expect(export.runFolders == ["CV_run_20240301_090000", "CV_run_20240301_100000", "CV_run_20240301_110000"])
        for (run, folder) in export.runFolders.enumerated() {
            let images = export.images(ofRun: run)
            #expect(images.count == 8)
            #expect(images.allSatisfy { $0.relativePath.hasPrefix(folder + "/CV_run/CV_run_D08_T0001F00") })
            let mlf = try String(contentsOfFile: directory.file(folder + "/CV_run/MeasurementData.mlf"), encoding: .utf8)
            #expect(mlf.contains(">CV_run_D08_T0001F002L01A01Z02C02.tif</bts:MeasurementRecord>"), "\(mlf)")
            #expect(!mlf.contains(folder))
            let mrf = try String(contentsOfFile: directory.file(folder + "/CV_run/MeasurementDetail.mrf"), encoding: .utf8)
            let begin = ["2024-03-01T09:00:00Z", "2024-03-01T10:00:00Z", "2024-03-01T11:00:00Z"][run]
            #expect(mrf.contains("bts:BeginTime=\"\(begin)\""), "\(mrf)")
        }
        for image in export.images(ofRun: 0) {
            let inRun = image.relativePath.dropFirst(export.runFolders[0].count)
            let planes = try export.runFolders.map { try TIFFFile(path: directory.file($0 + inRun)).readPage(0) }
            #expect(Set(planes).count == 3, "\(inRun) holds the same pixels in two runs")
        }
    }

    @Test("CellVoyager instrument files: a .mes the product reads as channel names and colours, references, trace log")
    func cellVoyagerFiles() throws {
        let directory = try TemporaryDirectory()
        let spec = ExportSpec(layout: .yokogawa, plateName: "CV8", wells: [WellIndex(row: 0, column: 0)], fields: 1,
                              channels: 5, width: 20, height: 12, runs: 1, runFolders: .exported, instrumentFiles: true)
        let export = try SampleExportGenerator.generate(spec, into: directory.path)
        let inner = "CV8_20240301_090000/CV8/"
        #expect(Set(export.planFiles) == Set(["MeasurementDetail.mrf", "MeasurementData.mlf", "CV8.mes"].map { inner + $0 }))
        #expect(export.companionFiles == [inner + "DC_DCAM#1_CAM1.tif", inner + "SC_BP445-45_20x v2_M01_CH01.tif",
                                          inner + "SC_BP525-50_20x v2_M01_CH02.tif", inner + "SC_BP600-37_20x v2_M01_CH03.tif",
                                          inner + "SC_BP676-29_20x v2_M01_CH04.tif", inner + "SC_BP525-50_20x v2_M01_CH05.tif",
                                          "CV8_20240301_090000/TRACE2024-03-01.log"])
        let settings = try MeasurementSettingsReader.read(at: directory.file(inner + "CV8.mes"))
        #expect(settings.columns == 12 && settings.rows == 8)
        #expect(settings.channels.map(\.name) == ["405 BP445/45", "488 BP525/50", "561 BP600/37", "640 BP676/29", "Brightfield BP525/50"])
        #expect(settings.channels.map(\.colorRGB) == ["002FFF", "00FFA1", "FF8200", "FF1B00", "FFFFFF"])
        #expect(settings.channels.map(\.excitationNanometres) == [405, 488, 561, 640, nil])
        #expect(settings.channels.map(\.emissionNanometres) == [445, 525, 600, 676, 525])
        let mrf = try String(contentsOfFile: directory.file(inner + "MeasurementDetail.mrf"), encoding: .utf8)
        #expect(mrf.contains("bts:MeasurementSettingFileName=\"CV8.mes\""))
        #expect(mrf.contains("bts:ShadingCorrectionSource=\"SC_BP445-45_20x v2_M01_CH01.tif\""))

        let layout = YokogawaLayout()
        for companion in export.companionFiles {
            guard case .ignored = layout.classify(relativePath: companion) else {
                Issue.record("\(companion) is \(layout.classify(relativePath: companion)), expected ignored")
                continue
            }
            #expect(FileManager.default.fileExists(atPath: directory.file(companion)))
        }
        let reference = try TIFFFile(path: directory.file(inner + "DC_DCAM#1_CAM1.tif"))
        #expect(try reference.pageInfo(0).sampleType == .uint16)
        let trace = try String(contentsOfFile: directory.file("CV8_20240301_090000/TRACE2024-03-01.log"), encoding: .utf8)
        #expect(trace.contains(",_init_frame_save,CV8_A01_T0001F001L01A01Z01C05.tif,None"), "\(trace.prefix(400))")
        #expect(trace.hasPrefix("2024/03/01,09:00:00,.250,"))
    }

    @Test("Harmony instrument files: Assaylayout/<plate>.xml beside Images/, which the layout ignores")
    func harmonyAssayLayout() throws {
        let directory = try TemporaryDirectory()
        let spec = ExportSpec(layout: .harmony, plateName: "Op", wells: [WellIndex(row: 1, column: 1)], fields: 1,
                              channels: 1, width: 20, height: 12, instrumentFiles: true)
        let export = try SampleExportGenerator.generate(spec, into: directory.path)
        #expect(export.companionFiles == ["Assaylayout/Op.xml"])
        let text = try String(contentsOfFile: directory.file("Assaylayout/Op.xml"), encoding: .utf8)
        #expect(text.contains("<AssayLayout ") && text.contains("<PlateCols>12</PlateCols>") && text.contains("<Value>treated</Value>"))
        guard case .ignored = HarmonyLayout(defaultPlateName: "Op").classify(relativePath: "Assaylayout/Op.xml") else {
            Issue.record("Assaylayout/Op.xml is not ignored by the harmony layout")
            return
        }
    }

    /// A spec the generator must refuse, and the setting its error must name.
    struct RefusedVariant: Sendable, CustomTestStringConvertible {
        let summary: String
        let spec: ExportSpec
        let property: String

        var testDescription: String { summary }
    }

    static let refused = [
        RefusedVariant(summary: "projection with one plane", spec: ExportSpec(layout: .imageXpress, maximumProjection: true),
                       property: "projection"),
        RefusedVariant(summary: "single-plane channel 3 of 2",
                       spec: ExportSpec(layout: .imageXpress, channels: 2, zPlanes: 2, singlePlaneChannels: [2]),
                       property: "single-plane channel"),
        RefusedVariant(summary: "two runs without run folders", spec: ExportSpec(layout: .imageXpress, runs: 2), property: "runs"),
        RefusedVariant(summary: "Harmony run folders", spec: ExportSpec(layout: .harmony, runFolders: .exported),
                       property: "run folders"),
        RefusedVariant(summary: "Yokogawa database layout", spec: ExportSpec(layout: .yokogawa, runFolders: .database),
                       property: "run folders"),
        RefusedVariant(summary: "MetaSeries headers on Yokogawa", spec: ExportSpec(layout: .yokogawa, metaSeriesHeaders: true),
                       property: "MetaSeries headers"),
        RefusedVariant(summary: "instrument files on ImageXpress", spec: ExportSpec(layout: .imageXpress, instrumentFiles: true),
                       property: "instrument files"),
    ]

    @Test("variants a layout cannot carry are refused, naming the setting", arguments: refused)
    func refusedVariants(variant: RefusedVariant) throws {
        let directory = try TemporaryDirectory()
        let error = try #require(throws: SampleExportError.self) {
            try SampleExportGenerator.generate(variant.spec, into: directory.path)
        }
        guard case .invalidSpec(let property, _, _) = error.kind else {
            Issue.record("\(variant.summary): \(error)")
            return
        }
        #expect(property == variant.property, "\(variant.summary): \(error)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty, "files written for a refused spec")
    }
}
