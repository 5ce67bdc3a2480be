import Foundation
import PlateDropTestSupport
import Testing
@testable import Layouts

/// Every file of the real exports is recognised by the layout `--layout auto` picks: an image, a plan,
/// or ignored with a reason (thumbnails, calibration references, settings, logs); none is "unrecognized".
@Suite struct RealExportClassificationTests {
    static let exports = [
        "imagexpress/faim-ipa-metaxpress-exported", "imagexpress/faim-ipa-metaxpress-stored",
        "imagexpress/cellprofiler-examples", "yokogawa/faim-ipa-cv8000", "harmony/operetta-compose",
        "harmony/pe2loaddata-phenix", "cellomics/cellprofiler-examples", "imagexpress-hcsai/fractal-uzh-converters",
        "scanr/cellprofiler-examples", "scanr/fractal-uzh-converters",
    ]

    @Test(.enabled(if: RealExportCorpus.isPresent, RealExportCorpus.absenceNote), arguments: exports)
    func everyFileIsRecognised(export: String) throws {
        let root = RealExportCorpus.path(export)
        let layout = try LayoutCatalog.detect(exportRoot: root)
        let files = RealExportCorpus.files(under: export, extensions: ["tif", "tiff", "xml", "mlf", "mrf", "mes", "wpi",
                                                                       "wpp", "htd", "log", "db", "jdce", "csv", "json",
                                                                       "mxprotocol", "txt"])
        #expect(!files.isEmpty)
        for file in files {
            let relative = String(file.dropFirst(export.count + 1))
            if case .unrecognized(let reason) = layout.classify(relativePath: relative) {
                Issue.record("\(relative): \(reason)")
            }
        }
    }

    @Test(.enabled(if: RealExportCorpus.isPresent, RealExportCorpus.absenceNote))
    func cellVoyagerReferencesAreIgnoredWithTheirReason() throws {
        let export = "yokogawa/faim-ipa-cv8000"
        let layout = try LayoutCatalog.detect(exportRoot: RealExportCorpus.path(export))
        let references = RealExportCorpus.files(under: export, extensions: ["tif"]).filter {
            let name = ($0 as NSString).lastPathComponent
            return name.hasPrefix("DC_") || name.hasPrefix("SC_")
        }
        #expect(references.count == 6)
        for file in references {
            guard case .ignored(let reason) = layout.classify(relativePath: String(file.dropFirst(export.count + 1))) else {
                Issue.record("\(file) not ignored")
                continue
            }
            #expect(reason.contains("reference"), "\(file): \(reason)")
        }
    }
}

/// Stage positions the vendor plans record for each image, in micrometres as the instrument wrote them.
@Suite struct RealPlanStagePositionTests {
    @Test(.enabled(if: RealExportCorpus.isPresent, RealExportCorpus.absenceNote))
    func cellVoyagerRecordsGiveXAndY() throws {
        let folder = RealExportCorpus.path("yokogawa/faim-ipa-cv8000/CV8000-Minimal-DataSet-2C-3W-4S-FP2-stack_20230918_135839/"
                                           + "CV8000-Minimal-DataSet-2C-3W-4S-FP2-stack")
        let plan = try YokogawaLayout().readPlan(at: folder + "/MeasurementData.mlf")
        #expect(plan.stagePositions.count == plan.imageKeys.count)
        #expect(Set(plan.stagePositions.values.map(\.x)).count == 2, "two field columns: \(Set(plan.stagePositions.values))")
        #expect(plan.stagePositions.values.contains(StagePosition(x: -567.1, y: 402.9)))
    }

    @Test(.enabled(if: RealExportCorpus.isPresent, RealExportCorpus.absenceNote))
    func harmonyIndexGivesPositionsInMicrometres() throws {
        let plan = try HarmonyLayout(defaultPlateName: "p").readPlan(at: RealExportCorpus.path("harmony/operetta-compose/Images/Index.idx.xml"))
        #expect(plan.stagePositions.count == plan.imageKeys.count)
        #expect(Set(plan.stagePositions.values) == [StagePosition(x: -645.814, y: 645.814), StagePosition(x: 645.814, y: 645.814)],
                "\(plan.stagePositions)")
    }
}

@Suite struct RealHarmonyChannelTests {
    @Test(.enabled(if: RealExportCorpus.isPresent, RealExportCorpus.absenceNote))
    func brightfieldIsGreyAndFluorescenceKeepsItsWavelength() throws {
        let plan = try HarmonyLayout(defaultPlateName: "p").readPlan(
            at: RealExportCorpus.path("harmony/pe2loaddata-phenix/Version1/images/Index.idx.xml"))
        let brightfield = try #require(plan.channels.first { $0.name == "Brightfield" }, "\(plan.channels.map(\.name))")
        #expect(brightfield.colorRGB == "FFFFFF")
        let hoechst = try #require(plan.channels.first { $0.name == "HOECHST 33342" })
        #expect(hoechst.colorRGB == nil)
        #expect(hoechst.emissionNanometres != nil)
    }
}

@Suite struct RealCellVoyagerProjectionTests {
    /// A CV7000 run that kept only maximum projections (`ZImageProcessing="Maximum"` on every record): its
    /// channels say so, so they are labelled projections, never taken for single z-planes.
    @Test(.enabled(if: RealExportCorpus.isPresent, RealExportCorpus.absenceNote))
    func projectionOnlyRunMarksItsChannels() throws {
        let plan = try YokogawaLayout().readPlan(
            at: RealExportCorpus.path("yokogawa/cellvoyager-types/CV7000_z_processed/MeasurementData.mlf"))
        #expect(!plan.channels.isEmpty)
        #expect(plan.channels.allSatisfy { $0.projectionMethod == "Maximum" }, "\(plan.channels)")
        let stacked = try YokogawaLayout().readPlan(
            at: RealExportCorpus.path("yokogawa/cellvoyager-types/CV7000-example/MeasurementData.mlf"))
        #expect(stacked.channels.allSatisfy { $0.projectionMethod == nil }, "\(stacked.channels)")
    }
}
