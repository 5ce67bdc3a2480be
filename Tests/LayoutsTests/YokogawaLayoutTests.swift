import Foundation
import Testing
import PlateDropTestSupport
@testable import Layouts

@Suite struct YokogawaNamingTests {
    private let layout = YokogawaLayout()
    private static let title = "CV8000-Minimal-DataSet-2C-3W-4S-FP2-stack"

    @Test func readsCellVoyagerNames() {
        let first = layout.classify(relativePath: "\(Self.title)_20230918_135839/\(Self.title)/\(Self.title)_D08_T0001F001L01A01Z01C01.tif")
        #expect(first == .image(ImageKey(plate: "\(Self.title)_20230918_135839", well: WellPosition(row: 3, column: 7),
                                         field: 0, channel: 0, z: 0)))
        let later = layout.classify(relativePath: "\(Self.title)_E03_T0002F003L02A02Z04C02.tif")
        #expect(later == .image(ImageKey(plate: Self.title, well: WellPosition(row: 4, column: 2), field: 2, channel: 1, z: 3,
                                         t: 1, acquisition: 1)))
        guard case .image(let barcode) = layout.classify(relativePath: "FMI_230918_135839_B03_T0001F001L01A01Z01C01.tif") else {
            Issue.record("barcode-style plate not read")
            return
        }
        #expect(barcode.plate == "FMI_230918_135839")
    }

    @Test func recognisesPlansAndSidecars() {
        #expect(layout.classify(relativePath: "m/MeasurementData.mlf") == .plan(.yokogawaMeasurementData))
        #expect(layout.classify(relativePath: "m/MeasurementDetail.mrf") == .plan(.yokogawaMeasurementDetail))
        #expect(layout.classify(relativePath: "m/Minimal-3C3W2S-FP2-stack.mes") == .plan(.yokogawaMeasurementSetting))
        for sidecar in ["\(Self.title).wpi", "1009680001_Cellvis_#P96-1.5H-N.wpp"] {
            guard case .ignored(let reason) = layout.classify(relativePath: "m/\(sidecar)") else {
                Issue.record("\(sidecar) not ignored")
                continue
            }
            #expect(reason.contains("settings"))
        }
        let references = ["DC_DCAM#1_CAM3.tif": "dark-current", "SC_BP445-45_20x v2_M01_CH01.tif": "shading-correction",
                          "TRACE2023-09-18.log": "trace log", "geometry_parameter.xml": "correction parameters",
                          "crosstalk_parameter.xml": "correction parameters"]
        for (file, kind) in references {
            guard case .ignored(let reason) = layout.classify(relativePath: "run/m/\(file)") else {
                Issue.record("\(file) not ignored: \(layout.classify(relativePath: "run/m/\(file)"))")
                continue
            }
            #expect(reason.contains(kind), "\(file): \(reason)")
        }
        // A plate title that starts like a reference is still read as an image.
        guard case .image(let key) = layout.classify(relativePath: "DC_screen_B03_T0001F001L01A01Z01C01.tif") else {
            Issue.record("DC_ plate title not read as an image")
            return
        }
        #expect(key.plate == "DC_screen")
    }

    @Test func eachMeasurementFolderIsItsOwnPlate() {
        let name = "\(Self.title)_D08_T0001F001L01A01Z01C01.tif"
        let plates = ["\(Self.title)_20230918_135839/\(Self.title)/\(name)", "\(Self.title)_20230919_090000/\(Self.title)/\(name)",
                      "incoming/\(name)", "other_20230918_135839/\(name)"].map { path -> String? in
            guard case .image(let key) = layout.classify(relativePath: path) else { return nil }
            return key.plate
        }
        #expect(plates == ["\(Self.title)_20230918_135839", "\(Self.title)_20230919_090000", Self.title, Self.title])
    }

    /// CQ3000 names number the well; the plate is the measurement folder, and projections (Z000) go to its
    /// projection plate.
    @Test func readsCQ3000NamesByWellIndex() {
        #expect(layout.classify(relativePath: "2w1p1c1z1t_mip/Projection/W0029F0001T0001Z000C1.tif") == .wellIndexedImage(
            WellIndexedImage(plate: "2w1p1c1z1t_mip_projection", wellIndex: 29, field: 0, channel: 0, z: 0)))
        #expect(layout.classify(relativePath: "Run/W0069F0003T0002Z004C2.tif") == .wellIndexedImage(
            WellIndexedImage(plate: "Run", wellIndex: 69, field: 2, channel: 1, z: 3, t: 1)))
        let atRoot = YokogawaLayout(defaultPlateName: "Export").classify(relativePath: "Projection/W0001F0001T0001Z000C1.tif")
        #expect(atRoot == .wellIndexedImage(WellIndexedImage(plate: "Export_projection", wellIndex: 1, field: 0, channel: 0, z: 0)))
    }

    @Test func wellIndexCountsRowByRow() {
        let image = { (index: Int) in WellIndexedImage(plate: "p", wellIndex: index, field: 0, channel: 0, z: 0) }
        #expect(image(29).well(on: .wells96) == WellPosition(row: 2, column: 4))
        #expect(image(69).well(on: .wells96) == WellPosition(row: 5, column: 8))
        #expect(image(1).well(on: .wells384) == WellPosition(row: 0, column: 0))
        #expect(image(384).well(on: .wells384) == WellPosition(row: 15, column: 23))
        #expect(image(97).well(on: .wells96) == nil)
        #expect(image(0).well(on: .wells96) == nil)
    }

    @Test func explainsNamesItCannotRead() {
        let cases: [(String, String)] = [
            ("20200812-CardiomyocyteDifferentiation14-Cycle1_B03_T0001F001L01A01Z01C01.png", "PNG output is not supported"),
            ("Plate_A01.a1_T0001F001L01A01Z01C01.tif", "sub-well"),
            ("Run/Projection/W0029F0000T0001Z000C1.tif", "count from 1"),
            ("Plate_B03_T0000F001L01A01Z01C01.tif", "count from 1"),
            ("Plate_B03_T001F001L01A01Z01C01.tif", "T0001F001L01A01Z01C01"),
            ("r01c01f01p01-ch1sk1fk1fl1.tiff", "T0001F001L01A01Z01C01"),
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

@Suite struct YokogawaPlanTests {
    private let layout = YokogawaLayout()
    private static let title = "CV8000-Minimal-DataSet-2C-3W-4S-FP2-stack"

    /// IMG records like the CV8000 sample's: well D08, 2 fields × 2 z × 2 actions (A01/C01, A02/C02), Z 3 µm apart.
    static func imageRecords(secondAction: (action: Int, ch: Int) = (2, 2)) -> [String] {
        var records: [String] = []
        var second = 44.438
        for field in 1...2 {
            for (action, ch) in [(1, 1), secondAction] {
                for z in 1...2 {
                    let name = "\(title)_D08_T0001F00\(field)L01A0\(action)Z0\(z)C0\(ch).tif"
                    records.append("""
                        <bts:MeasurementRecord bts:Type="IMG" bts:Time="2023-09-18T13:58:\(String(format: "%06.3f", second))+02:00" \
                        bts:Column="8" bts:Row="4" bts:TimePoint="1" bts:FieldIndex="\(field)" bts:ZIndex="\(z)" \
                        bts:TimelineIndex="1" bts:ActionIndex="\(action)" bts:Action="3D" bts:X="-567.1" bts:Y="402.9" \
                        bts:Z="\(Double(z - 1) * 3.0)" bts:Ch="\(ch)">\(name)</bts:MeasurementRecord>
                        """)
                    second += 0.2
                }
            }
        }
        return records
    }

    static func mlf(_ records: [String]) -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <bts:MeasurementData bts:Version="1.0" xmlns:bts="http://www.yokogawa.co.jp/BTS/BTSSchema/1.0">
        \(records.joined(separator: "\n"))
        </bts:MeasurementData>
        """
    }

    static let errorRecord = """
        <bts:MeasurementRecord bts:Type="ERR" bts:Time="2023-09-18T13:59:01.000+02:00" bts:Column="6" bts:Row="1" \
        bts:TimePoint="1" bts:TimelineIndex="1" bts:ActionIndex="1" bts:Ch="1">AF Error at A06 No. 3 (Z search failed)</bts:MeasurementRecord>
        """

    static let mrf = "\u{FEFF}" + """
        <?xml version="1.0" encoding="utf-8"?>
        <bts:MeasurementDetail bts:Version="1.0" bts:OperatorName="reitsabi" bts:Title="\(title)" bts:Application="" \
        bts:BeginTime="2023-09-18T13:58:39.4014935+02:00" bts:EndTime="2023-09-18T13:59:15.9664907+02:00" \
        bts:MeasurementSettingFileName="Minimal-3C3W2S-FP2-stack.mes" bts:ColumnCount="12" bts:RowCount="8" \
        bts:TimePointCount="1" bts:FieldCount="4" bts:ZCount="4" bts:TargetSystem="CV8000" bts:ReleaseNumber="R2.06.03" \
        bts:Status="0" xmlns:bts="http://www.yokogawa.co.jp/BTS/BTSSchema/1.0">
          <bts:MeasurementSamplePlate bts:Name="\(title)" bts:WellPlateFileName="\(title).wpi" bts:WellPlateProductFileName="1009680001_Cellvis_#P96-1.5H-N.wpp" />
          <bts:MeasurementChannel bts:Ch="2" bts:HorizontalPixelDimension="0.325" bts:VerticalPixelDimension="0.325" bts:CameraNumber="3" bts:InputBitDepth="16" />
          <bts:MeasurementChannel bts:Ch="1" bts:HorizontalPixelDimension="0.325" bts:VerticalPixelDimension="0.325" bts:CameraNumber="3" bts:InputBitDepth="16" />
          <bts:MeasurementChannel bts:Ch="3" bts:HorizontalPixelDimension="0.65" bts:VerticalPixelDimension="0.65" bts:CameraNumber="4" bts:InputBitDepth="16" />
          <bts:MeasurementChannel bts:Ch="4" bts:HorizontalPixelDimension="0.65" bts:VerticalPixelDimension="0.65" bts:CameraNumber="4" bts:InputBitDepth="16" />
        </bts:MeasurementDetail>
        """

    @Test func measurementDataListsImagesAndErrors() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write(Self.mlf(Self.imageRecords() + [Self.errorRecord]), to: "\(Self.title)/MeasurementData.mlf")
        let plan = try layout.readPlan(at: path)
        let d08 = WellPosition(row: 3, column: 7)
        #expect(plan.expected?.count == 8)
        #expect(plan.imageKeys.count == 8)
        #expect(plan.imageKeys["\(Self.title)_D08_T0001F002L01A02Z02C02.tif"]
                == ImageKey(plate: "", well: d08, field: 1, channel: 1, z: 1))
        #expect(plan.channels.map(\.name) == ["C01", "C02"])
        #expect(plan.zStepMicrons == 3.0)
        #expect(plan.scopeDirectory == (folder.path as NSString).appendingPathComponent(Self.title))
        let start = try #require(plan.acquisitions.first?.start)
        #expect(abs(start - 1_695_038_324.438) < 0.001)
        #expect((plan.acquisitions.first?.end ?? 0) > start)

        let missing = try #require(plan.expectedMissing.first)
        #expect(plan.expectedMissing.count == 1)
        #expect(missing.well == WellPosition(row: 0, column: 5))
        #expect(missing.field == nil)
        #expect(missing.reason.hasPrefix("AF Error at A06 No. 3"))
    }

    @Test func sameChannelUnderTwoActionsBecomesTwoChannels() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write(Self.mlf(Self.imageRecords(secondAction: (2, 1))), to: "MeasurementData.mlf")
        let plan = try layout.readPlan(at: path)
        #expect(plan.channels.map(\.name) == ["A01_C01", "A02_C01"])
        #expect(plan.imageKeys["\(Self.title)_D08_T0001F001L01A02Z01C01.tif"]?.channel == 1)
        #expect(plan.imageKeys["\(Self.title)_D08_T0001F001L01A01Z01C01.tif"]?.channel == 0)
        #expect(plan.expected?.count == 8)
    }

    @Test func measurementDetailWithByteOrderMark() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write(Self.mrf, to: "MeasurementDetail.mrf")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        let plan = try layout.readPlan(at: path)
        #expect(plan.format == .wells96)
        #expect(plan.pixelSizeMicrons == 0.325)
        #expect(plan.plateName == Self.title)
        #expect(plan.channels.map(\.name) == ["C01", "C02", "C03", "C04"])
        #expect(plan.expected == nil)
        let run = try #require(plan.acquisitions.first)
        #expect(abs((run.start ?? 0) - 1_695_038_319.4015) < 0.001)
        #expect(abs((run.end ?? 0) - 1_695_038_355.9665) < 0.001)
    }

    @Test func mergedPlanCombinesBothFiles() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let data = try layout.readPlan(at: try folder.write(Self.mlf(Self.imageRecords()), to: "MeasurementData.mlf"))
        let detail = try layout.readPlan(at: try folder.write(Self.mrf, to: "MeasurementDetail.mrf"))
        let merged = data.merged(with: detail)
        #expect(merged.format == .wells96)
        #expect(merged.pixelSizeMicrons == 0.325)
        #expect(merged.plateName == Self.title)
        #expect(merged.channels.map(\.name) == ["C01", "C02"])
        #expect(merged.expected == data.expected)
        #expect(merged.imageKeys == data.imageKeys)
    }

    @Test func rejectsMalformedFilesNamingThem() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let complete = Self.mlf(Self.imageRecords())
        let truncated = String(complete.prefix(complete.count / 2))
        let noRow = Self.mlf([Self.imageRecords()[0].replacingOccurrences(of: "bts:Row=\"4\" ", with: "")])
        let cases: [(String, String, String)] = [
            ("truncated/MeasurementData.mlf", truncated, "complete XML"),
            ("no-row/MeasurementData.mlf", noRow, "attribute Row"),
            ("wrong-root/MeasurementData.mlf", "<?xml version=\"1.0\"?><Other/>", "MeasurementData"),
            ("bad-count/MeasurementDetail.mrf", Self.mrf.replacingOccurrences(of: "bts:RowCount=\"8\"", with: "bts:RowCount=\"eight\""), "eight"),
        ]
        for (name, text, hint) in cases {
            let path = try folder.write(text, to: name)
            #expect {
                try layout.readPlan(at: path)
            } throws: { error in
                guard let error = error as? LayoutError, case .malformedPlan(let errorPath, _, _) = error else { return false }
                return errorPath == path && error.description.contains(hint)
            }
        }
        #expect(throws: LayoutError.self) { try layout.readPlan(at: "/x/9987.HTD") }
    }
}

@Suite struct YokogawaSettingsTests {
    @Test func settingsNameAndColourTheChannelsTheMeasurementListsByToken() {
        let data = PlatePlan(source: "m/MeasurementData.mlf", scopeDirectory: "m",
                             channels: [ChannelInfo(index: 0, name: "C01", isNamedByToken: true),
                                        ChannelInfo(index: 1, name: "C02", isNamedByToken: true)],
                             expected: [])
        let settings = PlatePlan(source: "m/a.mes", scopeDirectory: "m",
                                 channels: [ChannelInfo(index: 0, name: "405 BP445/45", excitationNanometres: 405,
                                                        emissionNanometres: 445, colorRGB: "002FFF"),
                                            ChannelInfo(index: 1, name: "488 BP525/50", colorRGB: "00FFA1"),
                                            ChannelInfo(index: 2, name: "561 BP600/37", colorRGB: "FF8200")])
        let merged = settings.merged(with: data)
        #expect(merged.channels.map(\.name) == ["405 BP445/45", "488 BP525/50"])
        #expect(merged.channels.map(\.colorRGB) == ["002FFF", "00FFA1"])
        #expect(merged.channels.first?.emissionNanometres == 445)
    }

    @Test(.enabled(if: RealExportCorpus.isPresent, RealExportCorpus.absenceNote))
    func realCV8000SettingsReadAsAPlan() throws {
        let folder = RealExportCorpus.path("yokogawa/faim-ipa-cv8000/CV8000-Minimal-DataSet-2C-3W-4S-FP2-stack_20230918_135839/"
                                           + "CV8000-Minimal-DataSet-2C-3W-4S-FP2-stack")
        let layout = YokogawaLayout()
        let plans = try ["MeasurementData.mlf", "MeasurementDetail.mrf", "Minimal-3C3W2S-FP2-stack.mes"].map {
            try layout.readPlan(at: folder + "/" + $0)
        }
        let merged = plans.dropFirst().reduce(plans[0]) { $0.merged(with: $1) }
        #expect(merged.channels.first?.name == "405 BP445/45")
        #expect(merged.channels.first?.colorRGB == "002FFF")
        #expect(merged.channels.allSatisfy { !$0.isNamedByToken }, "\(merged.channels.map(\.name))")
    }
}
