import Foundation
import PlateDropTestSupport
import Testing
@testable import Layouts

@Suite struct ImageXpressHCSAINamingTests {
    private let layout = ImageXpressHCSAILayout(defaultPlateName: "RunAtRoot")

    /// Names of the corpus run and of bioio-imagexpress's reference runs (NAMING-VARIANTS.md §2): every index
    /// 0-based, one plate per acquisition unit, named after the run.
    @Test(arguments: [
        ("1w1s1t1c1z_binning4x4/test_data_20260302_135747/experiment/timepoint0/test_data_t0_C05_s0_w0_z0.tif",
         "test_data_20260302_135747", 2, 4, 0, 0, 0, 0),
        ("run_root/experiment_z_stack/timepoint1/Wellscan_96well_TL_488_t1_B08_s1_w1_z2.tif", "run_root_z_stack", 1, 7, 1, 1, 2, 1),
        ("run_root/experiment_montage/timepoint0/4X_Lumenoid_Cellvis_96_8-7-2026_t0_B02_s0_w0_z0.tif", "run_root_montage",
         1, 1, 0, 0, 0, 0),
        ("experiment/timepoint3/P_t3_H12_s4_w2_z0.TIFF", "RunAtRoot", 7, 11, 4, 2, 0, 3),
        ("scan/timepoint0/P_t0_A01_s0_w0_z0.tif", "RunAtRoot_scan", 0, 0, 0, 0, 0, 0),
        ("timepoint0/Project X_t0_A01_s0_w0_z0.tif", "Project X", 0, 0, 0, 0, 0, 0),
    ])
    func realNames(path: String, plate: String, row: Int, column: Int, field: Int, channel: Int, z: Int, t: Int) {
        #expect(layout.classify(relativePath: path) == .image(ImageKey(
            plate: plate, well: WellPosition(row: row, column: column), field: field, channel: channel, z: z, t: t)))
    }

    @Test func plansSidecarsAndJunk() {
        #expect(layout.classify(relativePath: "run/experiment/1w1s1t1c1z_binning4x4.jdce") == .plan(.hcsAIDescriptor))
        #expect(layout.classify(relativePath: "run/experiment/image_metadata_1.csv") == .plan(.hcsAIManifest))
        #expect(layout.classify(relativePath: "run/experiment/image_metadata_12.csv") == .plan(.hcsAIManifest))
        let ignored = [
            "run/experiment/timepoint0/test_data_t0_C05_s0_w0_z0.tif.statistics.json": "statistics sidecar",
            "run/test_data.mxprotocol": "protocol",
            "run/autofocus/focus_search.csv": "autofocus",
            "run/autofocus/focus_report.txt": "autofocus",
            "run/experiment/timepoint0/Thumbs.db": "operating-system",
            "run/experiment/timepoint0/.DS_Store": "operating-system",
        ]
        for (path, words) in ignored {
            guard case .ignored(let reason) = layout.classify(relativePath: path) else {
                Issue.record("\(path) not ignored: \(layout.classify(relativePath: path))")
                continue
            }
            #expect(reason.contains(words), "\(path): \(reason)")
        }
    }

    @Test func flagsNamesItCannotRead() {
        let cases = [
            ("run/experiment/timepoint1/P_t0_C05_s0_w0_z0.tif", "contradicts its folder timepoint1"),
            ("run/experiment/timepoint0/P_C05_s1_w1.TIF", "_t<T>_<well>"),
            ("run/experiment/timepoint0/P_t0_C05_s0_w0.tif", "_t<T>_<well>"),
        ]
        for (path, hint) in cases {
            guard case .unrecognized(let reason) = layout.classify(relativePath: path) else {
                Issue.record("\(path) not flagged: \(layout.classify(relativePath: path))")
                continue
            }
            #expect(reason.contains(hint), "\(path): \(reason)")
        }
    }
}

@Suite struct ImageXpressHCSAIPlanTests {
    private let layout = ImageXpressHCSAILayout(defaultPlateName: "Run")
    private static let corpusUnit = "imagexpress-hcsai/fractal-uzh-converters/1w1s1t1c1z_binning4x4/test_data_20260302_135747/experiment"

    @Test(.enabled(if: RealExportCorpus.isPresent, RealExportCorpus.absenceNote))
    func corpusDescriptorGivesPlateChannelsPixelSizeAndCompletion() throws {
        let plan = try layout.readPlan(at: RealExportCorpus.path(Self.corpusUnit + "/1w1s1t1c1z_binning4x4.jdce"))
        #expect(plan.format == .wells96)
        #expect(plan.pixelSizeMicrons == 1.294)
        #expect(plan.channels == [ChannelInfo(index: 0, name: "DAPI", excitationNanometres: 440, emissionNanometres: 440)])
        #expect(plan.zStepMicrons == nil, "a single plane has no z step (the descriptor says 0)")
        #expect(plan.acquisitionComplete)
        #expect(plan.expected == nil)
        #expect(plan.plateName == "1w1s1t1c1z_binning4x4 2026-03-02, 13:57:52")
    }

    @Test(.enabled(if: RealExportCorpus.isPresent, RealExportCorpus.absenceNote))
    func corpusManifestListsThePlaneWithPositionAndTime() throws {
        let plan = try layout.readPlan(at: RealExportCorpus.path(Self.corpusUnit + "/image_metadata_1.csv"))
        let key = ImageKey(plate: "", well: WellPosition(row: 2, column: 4), field: 0, channel: 0, z: 0)
        #expect(plan.expected == [key])
        #expect(plan.imageKeys == ["timepoint0/test_data_t0_C05_s0_w0_z0.tif": key])
        #expect(plan.stagePositions["timepoint0/test_data_t0_C05_s0_w0_z0.tif"] == StagePosition(x: 50027.34, y: 30045.34))
        #expect(plan.channels.map(\.name) == ["DAPI"])
        #expect(plan.acquisitions.first?.start == 1772456272.45)
    }

    static let header = "FovUuid,Well,Row,Column,Field,Wavelength,Timepoint,ZIndex,ImageSubFolderPath,ImageFileName,"
        + "TimeStampSec,ExcitationEmissionFilter,PositionXUm,PositionYUm,Annotations"

    /// Rows as MetaXpress writes them; the second has an empty sub-folder and a quoted annotation with commas.
    @Test func manifestRowsBecomeKeysByPath() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let csv = folder.path + "/image_metadata_1.csv"
        try folder.write([
            Self.header,
            "u1,B - 7,2,7,0,1,0,2,timepoint0,P_t0_B07_s0_w1_z2.tif,100.5,FITC,10,20,",
            "u2,B - 7,2,7,1,0,1,0,,P_t1_B07_s1_w0_z0.tif,160,TL,11,21,\"dim, out of focus\"",
        ].joined(separator: "\r\n") + "\r\n", to: "image_metadata_1.csv")
        let plan = try layout.readPlan(at: csv)
        let first = ImageKey(plate: "", well: WellPosition(row: 1, column: 6), field: 0, channel: 1, z: 2)
        let second = ImageKey(plate: "", well: WellPosition(row: 1, column: 6), field: 1, channel: 0, z: 0, t: 1)
        #expect(plan.expected == [first, second])
        #expect(plan.imageKeys == ["timepoint0/P_t0_B07_s0_w1_z2.tif": first, "timepoint1/P_t1_B07_s1_w0_z0.tif": second])
        #expect(plan.channels.map(\.name) == ["TL", "FITC"])
        #expect(plan.acquisitions == [AcquisitionInfo(id: 0, start: 100.5, end: 160)])
        #expect(plan.scopeDirectory == folder.path)
    }

    @Test func manifestWithoutRowAndColumnReadsTheWellLabel() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let csv = try folder.write("Well,Field,Wavelength,Timepoint,ZIndex,ImageFileName\nP - 24,0,0,0,0,x_t0_P24_s0_w0_z0.tif\n",
                                   to: "image_metadata_2.csv")
        let plan = try layout.readPlan(at: csv)
        #expect(plan.expected == [ImageKey(plate: "", well: WellPosition(row: 15, column: 23), field: 0, channel: 0, z: 0)])
        #expect(plan.channels == [ChannelInfo(index: 0, name: "w0", isNamedByToken: true)])
    }

    @Test(arguments: [
        ("Well,Row,Column,Field,Wavelength,Timepoint,ZIndex,ImageFileName\nB - 7,2,8,0,0,0,0,a.tif\n", "Well \"B - 7\" but Row 2, Column 8"),
        ("Well,Row,Column,Field,Wavelength,Timepoint,ZIndex,ImageFileName\nB - 7,2,7,x,0,0,0,a.tif\n", "column Field"),
        ("Well,Row,Column,Field,Wavelength,Timepoint,ZIndex,ImageFileName\nB - 7,2,7,0,0,-1,0,a.tif\n", "line 2"),
        ("Well,Row,Column,Wavelength,Timepoint,ZIndex,ImageFileName\n", "a column Field"),
        ("Field,Wavelength,Timepoint,ZIndex,ImageFileName\n0,0,0,0,a.tif\n", "Row and Column, or Well"),
        ("", "an empty file"),
    ])
    func malformedManifestsNameTheFileAndTheProblem(text: String, hint: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.expectMalformedPlan(text, at: "image_metadata_1.csv", layout: layout, hint: hint)
    }

    static func descriptor(wavelengths: String, complete: String = "false", unit: String = "µm",
                           zStep: Double = 0) -> String {
        """
        {"Version": "1.1", "ImageStack": {"PlateId": "Screen 2026-05-01, 09:00:00",
          "AutoLeadAcquisitionProtocol": {
            "ObjectiveCalibration": {"Unit": "\(unit)", "PixelWidth": 650, "PixelHeight": 650},
            "Plate": {"Name": "384", "Rows": 16, "Columns": 24},
            "Wavelengths": [\(wavelengths)],
            "PlateMap": {"ZDimensionParameters": {"Enabled": true, "Step": \(zStep), "NumberOfSlices": 3}},
            "CollectionComplete": \(complete)},
          "SpecimenHolder": {"Type": "plate", "Barcode": "BC-77"},
          "ImageMetadataFiles": ["image_metadata_1.csv"]}}
        """
    }

    @Test func descriptorUnitsChannelOrderZStepAndBarcode() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let jdce = try folder.write(Self.descriptor(wavelengths: """
            {"Index": 1, "ZStep": 0, "EmissionFilter": {"Name": "FITC", "Wavelength": 536}},
            {"Index": 0, "ZStep": 2.5, "ExcitationFilter": {"Name": "TL", "Wavelength": 0}}
            """, unit: "nm", zStep: 4), to: "Screen.jdce")
        let plan = try layout.readPlan(at: jdce)
        #expect(plan.pixelSizeMicrons == 0.65)
        #expect(plan.format == .wells384)
        #expect(plan.channels.map(\.name) == ["TL", "FITC"])
        #expect(plan.channels.map(\.emissionNanometres) == [nil, 536])
        #expect(plan.zStepMicrons == 2.5, "a wavelength's own ZStep comes before the plate map's")
        #expect(plan.plateName == "BC-77")
        #expect(!plan.acquisitionComplete)
    }

    @Test func plateMapZStepWhenNoWavelengthHasOne() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let jdce = try folder.write(Self.descriptor(wavelengths: #"{"Index": 0}"#, complete: "true", zStep: 4), to: "S.jdce")
        let plan = try layout.readPlan(at: jdce)
        #expect(plan.zStepMicrons == 4)
        #expect(plan.channels == [ChannelInfo(index: 0, name: "w0", isNamedByToken: true)])
        #expect(plan.acquisitionComplete)
    }

    @Test(arguments: [
        (#"{"Version": "1.1", "ImageStack": {"AutoLeadAcquisitionProtocol": {"Plate": {"Rows": 8, "#, "complete JSON"),
        (#"{"Version": "1.1"}"#, "\"ImageStack\""),
        (descriptor(wavelengths: #"{"Name": "no index"}"#), "Index"),
        (descriptor(wavelengths: #"{"Index": 0}"#, complete: #""yes""#), "CollectionComplete"),
        (descriptor(wavelengths: #"{"Index": 0}"#, unit: "inch"), "length unit"),
        ("", "an empty file"),
    ])
    func malformedDescriptorsNameTheFileAndTheProblem(text: String, hint: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.expectMalformedPlan(text, at: "bad.jdce", layout: layout, hint: hint)
    }

    @Test(.enabled(if: RealExportCorpus.isPresent, RealExportCorpus.absenceNote))
    func autoDetectsTheCorpusRun() throws {
        let detected = try LayoutCatalog.detect(exportRoot: RealExportCorpus.path("imagexpress-hcsai/fractal-uzh-converters"))
        #expect(detected.name == "imagexpress-hcsai")
    }
}
