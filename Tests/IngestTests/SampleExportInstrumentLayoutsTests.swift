import Foundation
import Ingest
import Layouts
import SampleExports
import Testing

/// The synthetic exports of the instruments of issue 12 name every image so that the product's layout puts
/// it where the generator meant it, and their plan files say what the generator wrote.
@Suite("Synthetic exports: Cellomics, HCS.ai, scanR, IN Cell, Cytation")
struct SampleExportInstrumentLayoutsTests {
    /// A spec of `layout` with two wells, two fields, two channels, and z and t where the layout's names carry them.
    static func spec(_ layout: ExportLayout, zPlanes: Int = 2, timepoints: Int = 2, runs: Int = 1) -> ExportSpec {
        ExportSpec(layout: layout, plateName: "Lay-1", wells: [WellIndex(row: 0, column: 0), WellIndex(row: 2, column: 10)],
                   fields: 2, channels: 2, zPlanes: zPlanes, timepoints: timepoints, width: 24, height: 16,
                   pixelSizeMicrons: 0.325, zStepMicrons: 1.5, runs: runs, runFolders: runs > 1 ? .exported : .none)
    }

    /// Each case: a spec, and the plate its first run's images belong to when the export root is "Root".
    static let cases: [(ExportSpec, String)] = [
        (spec(.cellomics, zPlanes: 1, timepoints: 1), "Lay-1"),
        (spec(.imageXpressHCSAI), "Root"),
        (spec(.imageXpressHCSAI, runs: 2), "Lay-1_20240301_090000"),
        (spec(.scanR), "Root"),
        (spec(.inCell), "Root"),
    ]

    /// Names place an image, and a plan that names the file (scanR's metadata.ome.xml gives the channel
    /// number its names lack) places it as the product does.
    @Test("the product's layout places every generated image at the generator's coordinates", arguments: cases)
    func namesRoundTrip(spec: ExportSpec, plate: String) throws {
        let directory = try TemporaryDirectory()
        let layout = try #require(LayoutCatalog.named(spec.layout.rawValue, defaultPlateName: "Root"))
        let export = try SampleExportGenerator.generate(spec, into: directory.path)
        let plans = try export.planFiles.map { try layout.readPlan(at: directory.path + "/" + $0) }
        for image in export.images(ofRun: 0) {
            let expected = ImageKey(plate: plate, well: WellPosition(row: image.row, column: image.column), field: image.field,
                                    channel: image.channel, z: image.z, t: image.t)
            guard case .image(let named) = layout.classify(relativePath: image.relativePath) else {
                Issue.record("\(image.relativePath) is not an image of the \(layout.name) layout")
                continue
            }
            let absolute = directory.path + "/" + image.relativePath
            let placed = PlatePlan.governing(plate: named.plate, imagePaths: [absolute], from: plans)?
                .placedKey(named, absolutePath: absolute) ?? named
            #expect(placed == expected, "\(image.relativePath)")
        }
        for plan in export.planFiles {
            guard case .plan = layout.classify(relativePath: plan) else {
                Issue.record("\(plan) is not a plan of the \(layout.name) layout")
                continue
            }
        }
        for companion in export.companionFiles {
            guard case .ignored = layout.classify(relativePath: companion) else {
                Issue.record("\(companion) is not ignored by the \(layout.name) layout")
                continue
            }
        }
    }

    @Test("HCS.ai: the descriptor and the manifest the product reads list every plane, channel and the pixel size")
    func hcsAIPlanFiles() throws {
        let directory = try TemporaryDirectory()
        var spec = Self.spec(.imageXpressHCSAI, runs: 2)
        spec.channelNames = ["Hoechst, 33342", "Alexa \"488\""]
        let export = try SampleExportGenerator.generate(spec, into: directory.path)
        #expect(export.planFiles == [
            "Lay-1_20240301_090000/experiment/Lay-1.jdce", "Lay-1_20240301_090000/experiment/image_metadata_1.csv",
            "Lay-1_20240301_100000/experiment/Lay-1.jdce", "Lay-1_20240301_100000/experiment/image_metadata_1.csv",
        ])
        let layout = ImageXpressHCSAILayout(defaultPlateName: "Root")
        for run in 0..<2 {
            let folder = directory.path + "/" + export.runFolders[run] + "/experiment/"
            let plan = try layout.readPlan(at: folder + "Lay-1.jdce").merged(with: layout.readPlan(at: folder + "image_metadata_1.csv"))
            let images = export.images(ofRun: run)
            #expect(plan.expected == Set(images.map { image in
                ImageKey(plate: "", well: WellPosition(row: image.row, column: image.column), field: image.field,
                         channel: image.channel, z: image.z, t: image.t)
            }))
            #expect(Set(plan.imageKeys.keys) == Set(images.map { String($0.relativePath.dropFirst(export.runFolders[run].count + 12)) }))
            #expect(plan.channels.map(\.name) == spec.channelNames)
            #expect(plan.pixelSizeMicrons == 0.325 && plan.zStepMicrons == 1.5)
            #expect(plan.format == .wells96)
            #expect(plan.acquisitionComplete)
            #expect(plan.stagePositions.count == images.count)
        }
    }

    static let refused: [(String, ExportSpec, String)] = [
        ("Cellomics z-stack", ExportSpec(layout: .cellomics, zPlanes: 2), "Z planes and time points"),
        ("Cellomics time series", ExportSpec(layout: .cellomics, timepoints: 2), "Z planes and time points"),
        ("Cellomics run folders", ExportSpec(layout: .cellomics, runs: 2, runFolders: .exported), "run folders"),
        ("Cellomics instrument files", ExportSpec(layout: .cellomics, instrumentFiles: true), "instrument files"),
        ("HCS.ai database layout", ExportSpec(layout: .imageXpressHCSAI, runFolders: .database), "run folders"),
        ("scanR run folders", ExportSpec(layout: .scanR, runs: 2, runFolders: .exported), "run folders"),
        ("scanR channels of one name", ExportSpec(layout: .scanR, channelNames: ["GFP", "GFP"]), "channel names"),
        ("scanR channel name with /", ExportSpec(layout: .scanR, channelNames: ["GFP/RFP"]), "channel name"),
        ("IN Cell run folders", ExportSpec(layout: .inCell, runs: 2, runFolders: .exported), "run folders"),
        ("IN Cell channel name with ' - '", ExportSpec(layout: .inCell, channelNames: ["TL - Cy3"]), "channel name"),
        ("Cytation channel name with _", ExportSpec(layout: .cytation, channelNames: ["GFP_2"]), "channel name"),
    ]

    @Test("variants the new layouts cannot carry are refused, naming the setting", arguments: refused)
    func refusedVariants(summary: String, spec: ExportSpec, property: String) throws {
        let directory = try TemporaryDirectory()
        let error = try #require(throws: SampleExportError.self) { try SampleExportGenerator.generate(spec, into: directory.path) }
        guard case .invalidSpec(let found, _, _) = error.kind else {
            Issue.record("\(summary): \(error)")
            return
        }
        #expect(found == property, "\(summary): \(error)")
    }
}
