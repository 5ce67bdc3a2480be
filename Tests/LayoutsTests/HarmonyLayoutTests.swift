import Foundation
import Testing
@testable import Layouts

@Suite struct HarmonyNamingTests {
    private let layout = HarmonyLayout(defaultPlateName: "ExportRoot")
    private static let measurement = "CO001_FOXO1_DsRED_FullPLate_x20Air__2022-06-15T11_48_56-Measurement 1"

    @Test func plateIsTheFolderHoldingImages() {
        let image = layout.classify(relativePath: "\(Self.measurement)/Images/r03c11f01p01-ch1sk1fk1fl1.tiff")
        #expect(image == .image(ImageKey(plate: Self.measurement, well: WellPosition(row: 2, column: 10), field: 0, channel: 0, z: 0)))
        guard case .image(let loose) = layout.classify(relativePath: "Experiment/Run 2/r01c01f01p01-ch1.tiff") else {
            Issue.record("image outside Images/ not read")
            return
        }
        #expect(loose.plate == "Run 2")
    }

    @Test func rootImagesTakeTheDefaultPlate() {
        let rootImages = layout.classify(relativePath: "Images/r01c01f001p01-ch2sk3fk1fl1.tif")
        #expect(rootImages == .image(ImageKey(plate: "ExportRoot", well: WellPosition(row: 0, column: 0), field: 0, channel: 1,
                                              z: 0, t: 2)))
        let atRoot = layout.classify(relativePath: "r16c24f12p05-ch4.TIFF")
        #expect(atRoot == .image(ImageKey(plate: "ExportRoot", well: WellPosition(row: 15, column: 23), field: 11, channel: 3, z: 4)))
        #expect(HarmonyLayout(defaultPlateName: "..").classify(relativePath: "r01c01f01p01-ch1.tiff")
                == CommonFileRules.rejectedPlate(".."))
    }

    @Test func flatFieldCorrectedCopiesAreAPlateOfTheirOwn() {
        let raw = layout.classify(relativePath: "P__2024-01-02T10_00_00-Measurement 1/Images/r02c03f01p01-ch1sk1fk1fl1.tiff")
        let corrected = layout.classify(relativePath: "P__2024-01-02T10_00_00-Measurement 1/Images/flex/r02c03f01p01-ch1sk1fk1fl1.tiff")
        let well = WellPosition(row: 1, column: 2)
        #expect(raw == .image(ImageKey(plate: "P__2024-01-02T10_00_00-Measurement 1", well: well, field: 0, channel: 0, z: 0)))
        #expect(corrected == .image(ImageKey(plate: "P__2024-01-02T10_00_00-Measurement 1_flatfield", well: well,
                                             field: 0, channel: 0, z: 0)))
        #expect(layout.classify(relativePath: "Images/flex/r02c03f01p01-ch1.tiff")
                == .image(ImageKey(plate: "ExportRoot_flatfield", well: well, field: 0, channel: 0, z: 0)))
    }

    @Test func recognisesIndexFilesAndSkipsTheRest() {
        for index in ["M/Images/Index.idx.xml", "M/Images/Index.ref.xml", "M/Index.xml", "M/Images/flex/Index.flex.xml"] {
            #expect(layout.classify(relativePath: index) == .plan(.harmonyIndex))
        }
        let companions = ["M/Assaylayout/layout.xml": "assay layout",
                          "M/FFC_Profile/FFC_Profile_Measurement 1.xml": "flat-field",
                          "M/Assaylayout/r01c01f01p01-ch1sk1fk1fl1.tiff": "assay layout"]
        for (path, kind) in companions {
            guard case .ignored(let reason) = layout.classify(relativePath: path) else {
                Issue.record("\(path) not ignored: \(layout.classify(relativePath: path))")
                continue
            }
            #expect(reason.contains(kind), "\(path): \(reason)")
        }
        let unrecognized = ["M/Images/r01c01f01p01-ch1sk1fk1fl1.png", "M/Images/r00c01f01p01-ch1.tiff",
                            "M/Images/Wellscan_96well_TL_488_t0_B07_s0_w0_z0.tif"]
        for path in unrecognized {
            guard case .unrecognized(let reason) = layout.classify(relativePath: path) else {
                Issue.record("\(path) not flagged")
                continue
            }
            #expect(reason.contains("r0") || reason.contains("count from 1"), "\(path): \(reason)")
        }
    }
}

@Suite struct HarmonyPlanTests {
    private let layout = HarmonyLayout(defaultPlateName: "ExportRoot")

    /// One image element as Harmony writes it, with a Windows-style URL.
    static func image(field: Int, plane: Int, channel: Int, url: String? = nil, state: String = "Ok") -> String {
        let file = url ?? "Images\\r02c03f0\(field)p0\(plane)-ch\(channel)sk1fk1fl1.tiff"
        let seconds = 10 + field * 4 + plane * 2 + channel
        return """
            <Image Version="1">
              <id>0203K1F\(field)P\(plane)R\(channel)</id><State>\(state)</State><URL>\(file)</URL>
              <Row>2</Row><Col>3</Col><FieldID>\(field)</FieldID><PlaneID>\(plane)</PlaneID><TimepointID>0</TimepointID>
              <FlimID>1</FlimID><ChannelID>\(channel)</ChannelID>
              <ImageResolutionX Unit="m">6.5E-07</ImageResolutionX><ImageResolutionY Unit="m">6.5E-07</ImageResolutionY>
              <PositionZ Unit="m">\(plane == 1 ? "1E-06" : "3E-06")</PositionZ>
              <AbsTime>2021-01-01T10:00:\(seconds)+00:00</AbsTime>
            </Image>
            """
    }

    static func index(images: [String], plateRows: String = "16") -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <EvaluationInputData xmlns:xsd="http://www.w3.org/2001/XMLSchema" Version="1" xmlns="http://www.perkinelmer.com/PEHH/HarmonyV5">
          <User>tester</User><InstrumentType>Phenix</InstrumentType>
          <Plates><Plate><PlateID>BAR123</PlateID><MeasurementID>4f6c1a2e-meas</MeasurementID>
            <MeasurementStartTime>2021-01-01T09:59:00+00:00</MeasurementStartTime><Name>Screen plate 1</Name>
            <PlateTypeName>384 PerkinElmer CellCarrier Ultra</PlateTypeName><PlateRows>\(plateRows)</PlateRows>
            <PlateColumns>24</PlateColumns><Well id="0203" /></Plate></Plates>
          <Wells><Well><id>0203</id><Row>2</Row><Col>3</Col><Image id="0203K1F1P1R1" /></Well></Wells>
          <Maps><Map>
            <Entry ChannelID="1"><ChannelName>HOECHST 33342</ChannelName>
              <MainExcitationWavelength Unit="nm">375</MainExcitationWavelength><MainEmissionWavelength Unit="nm">456</MainEmissionWavelength></Entry>
            <Entry ChannelID="2"><ChannelName>Alexa 488</ChannelName>
              <MainExcitationWavelength Unit="nm">488</MainExcitationWavelength><MainEmissionWavelength Unit="nm">522</MainEmissionWavelength></Entry>
          </Map></Maps>
          <Images>
        \(images.joined(separator: "\n"))
          </Images>
        </EvaluationInputData>
        """
    }

    static var twoChannelImages: [String] {
        (1...2).flatMap { field in (1...2).flatMap { plane in (1...2).map { image(field: field, plane: plane, channel: $0) } } }
    }

    @Test func readsTwoChannelsAndBackslashURLs() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let images = Self.twoChannelImages + [Self.image(field: 3, plane: 1, channel: 1, url: "", state: "Failed")]
        let path = try folder.write(Self.index(images: images), to: "Measurement 1/Index.idx.xml")
        let plan = try layout.readPlan(at: path)
        #expect(plan.format == .wells384)
        #expect(plan.plateName == "Screen plate 1")
        #expect(plan.channels == [ChannelInfo(index: 0, name: "HOECHST 33342", excitationNanometres: 375, emissionNanometres: 456),
                                  ChannelInfo(index: 1, name: "Alexa 488", excitationNanometres: 488, emissionNanometres: 522)])
        #expect(plan.expected?.count == 8)
        #expect(plan.imageKeys.count == 8)
        #expect(plan.imageKeys["Images/r02c03f02p02-ch2sk1fk1fl1.tiff"]
                == ImageKey(plate: "", well: WellPosition(row: 1, column: 2), field: 1, channel: 1, z: 1))
        let pixel = try #require(plan.pixelSizeMicrons)
        #expect(abs(pixel - 0.65) < 1e-9)
        let zStep = try #require(plan.zStepMicrons)
        #expect(abs(zStep - 2.0) < 1e-9)
        let start = try #require(plan.acquisitions.first?.start)
        #expect(abs(start - 1_609_495_217) < 0.001, "earliest AbsTime of a listed image, 10:00:17")
        #expect(plan.acquisitions.first?.name == "4f6c1a2e-meas")
        let missing = try #require(plan.expectedMissing.first)
        #expect(missing.field == 2)
        #expect(missing.reason.contains("Failed"))
    }

    @Test func rejectsMalformedIndexesNamingThem() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let complete = Self.index(images: Self.twoChannelImages)
        let cases: [(String, String, String)] = [
            ("truncated/Index.idx.xml", String(complete.prefix(complete.count * 2 / 3)), "breaks off"),
            ("no-row/Index.idx.xml", Self.index(images: [Self.image(field: 1, plane: 1, channel: 1)
                .replacingOccurrences(of: "<Row>2</Row>", with: "")]), "<Row>"),
            ("bad-rows/Index.idx.xml", Self.index(images: [], plateRows: "sixteen"), "sixteen"),
            ("other/Index.xml", "<?xml version=\"1.0\"?><Plates/>", "EvaluationInputData"),
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
    }
}
