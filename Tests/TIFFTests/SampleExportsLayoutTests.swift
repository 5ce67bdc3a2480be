import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SampleExports
import Testing
import TIFF

@Suite("Synthetic exports: file names and plan files")
struct SampleExportsLayoutTests {
    /// Two wells far apart, two of everything, small images: enough to exercise every naming rule.
    static func spec(_ layout: ExportLayout, timepoints: Int = 1, zPlanes: Int = 1) -> ExportSpec {
        ExportSpec(
            layout: layout, plateName: "Screen_7", wells: [WellIndex(row: 0, column: 0), WellIndex(row: 2, column: 10)],
            fields: 3, channels: 2, zPlanes: zPlanes, timepoints: timepoints, width: 40, height: 24,
            channelNames: ["Hoechst & co", "Alexa 488"]
        )
    }

    @Test("ImageXpress: TimePoint_/ZStep_ folders only when acquired, and a well-formed HTD")
    func imageXpress() throws {
        let directory = try TemporaryDirectory()
        let flat = try SampleExportGenerator.generate(Self.spec(.imageXpress), into: directory.file("flat"))
        #expect(flat.images.count == 2 * 3 * 2)
        #expect(flat.images.first?.relativePath == "Screen_7_A01_s1_w1.TIF")
        #expect(flat.images.contains { $0.relativePath == "Screen_7_C11_s3_w2.TIF" })
        #expect(flat.planFiles == ["Screen_7.HTD"])

        let stacked = try SampleExportGenerator.generate(Self.spec(.imageXpress, timepoints: 2, zPlanes: 2), into: directory.file("stacked"))
        #expect(stacked.images.count == 2 * 3 * 2 * 2 * 2)
        #expect(stacked.images.contains { $0.relativePath == "TimePoint_2/ZStep_1/Screen_7_C11_s2_w1.TIF" })
        for image in stacked.images {
            #expect(FileManager.default.fileExists(atPath: stacked.root + "/" + image.relativePath))
        }

        let htd = try String(contentsOfFile: stacked.root + "/Screen_7.HTD", encoding: .utf8)
        let lines = htd.split(separator: "\n").map(String.init)
        #expect(lines.first == "\"HTSInfoFile\", Version 1.0")
        #expect(lines.last == "\"EndFile\"")
        #expect(lines.contains("\"XWells\", 12"))
        #expect(lines.contains("\"YWells\", 8"))
        #expect(lines.contains("\"TimePoints\", 2"))
        #expect(lines.contains("\"ZSeries\", TRUE"))
        #expect(lines.contains("\"ZSteps\", 2"))
        let expectedRow3 = (0..<12).map { $0 == 10 ? "TRUE" : "FALSE" }.joined(separator: ", ")
        #expect(lines.contains("\"WellsSelection3\", " + expectedRow3))
        #expect(lines.filter { $0.hasPrefix("\"WellsSelection") }.count == 8)
        #expect(lines.contains("\"XSites\", 2"))
        #expect(lines.contains("\"YSites\", 2"))
        #expect(lines.contains("\"SiteSelection2\", TRUE, FALSE"))
        #expect(lines.contains("\"NWavelengths\", 2"))
        #expect(lines.contains("\"WaveName1\", \"Hoechst & co\""))
        #expect(lines.contains("\"WaveCollect2\", 1"))
    }

    @Test("Yokogawa: T/F/L/A/Z/C names and parseable mlf and mrf")
    func yokogawa() throws {
        let directory = try TemporaryDirectory()
        let export = try SampleExportGenerator.generate(Self.spec(.yokogawa, timepoints: 2, zPlanes: 2), into: directory.path)
        #expect(export.images.contains { $0.relativePath == "Screen_7_C11_T0002F003L01A01Z02C01.tif" })
        #expect(export.images.first?.relativePath == "Screen_7_A01_T0001F001L01A01Z01C01.tif")
        #expect(Set(export.planFiles) == ["MeasurementData.mlf", "MeasurementDetail.mrf"])

        let data = try XMLTree(path: directory.file("MeasurementData.mlf"))
        #expect(data.root.name == "bts:MeasurementData")
        #expect(data.root.uri == nil || data.root.uri == "http://www.yokogawa.co.jp/BTS/BTSSchema/1.0")
        let records = data.elements(named: "bts:MeasurementRecord")
        #expect(records.count == export.images.count)
        #expect(records.allSatisfy { $0.attributeValue("bts:Type") == "IMG" })
        let record = try #require(records.first { $0.stringValue == "Screen_7_C11_T0002F003L01A01Z02C01.tif" })
        #expect(record.attributeValue("bts:Row") == "3")
        #expect(record.attributeValue("bts:Column") == "11")
        #expect(record.attributeValue("bts:TimePoint") == "2")
        #expect(record.attributeValue("bts:FieldIndex") == "3")
        #expect(record.attributeValue("bts:ZIndex") == "2")
        #expect(record.attributeValue("bts:Ch") == "1")
        #expect(record.attributeValue("bts:Action") == "3D")
        #expect(record.attributeValue("bts:Time")?.hasPrefix("2024-03-01T") == true)

        let detail = try XMLTree(path: directory.file("MeasurementDetail.mrf"))
        #expect(detail.root.name == "bts:MeasurementDetail")
        #expect(detail.root.attributeValue("bts:RowCount") == "8")
        #expect(detail.root.attributeValue("bts:ColumnCount") == "12")
        #expect(detail.root.attributeValue("bts:FieldCount") == "3")
        #expect(detail.root.attributeValue("bts:ZCount") == "2")
        #expect(detail.root.attributeValue("bts:TimePointCount") == "2")
        let channels = detail.elements(named: "bts:MeasurementChannel")
        #expect(channels.map { $0.attributeValue("bts:Ch") } == ["1", "2"])
        #expect(channels.first?.attributeValue("bts:HorizontalPixelDimension") == "0.65")
        #expect(channels.first?.attributeValue("bts:HorizontalPixels") == "40")
        #expect(channels.first?.attributeValue("bts:VerticalPixels") == "24")
        #expect(channels.first?.attributeValue("bts:InputBitDepth") == "16")
    }

    @Test("Harmony: r/c/f/p-ch/sk names under Images/ and a parseable Index.idx.xml")
    func harmony() throws {
        let directory = try TemporaryDirectory()
        let export = try SampleExportGenerator.generate(Self.spec(.harmony, timepoints: 2), into: directory.path)
        #expect(export.images.contains { $0.relativePath == "Images/r03c11f02p01-ch2sk2fk1fl1.tiff" })
        #expect(export.images.first?.relativePath == "Images/r01c01f01p01-ch1sk1fk1fl1.tiff")
        #expect(export.planFiles == ["Images/Index.idx.xml"])

        let index = try XMLTree(path: directory.file("Images/Index.idx.xml"))
        #expect(index.root.name == "EvaluationInputData")
        #expect(index.root.uri == "http://www.perkinelmer.com/PEHH/HarmonyV5")
        let plate = try #require(index.elements(named: "Plate").first)
        #expect(plate.childText("PlateID") == "Screen_7")
        #expect(plate.childText("PlateRows") == "8")
        #expect(plate.childText("PlateColumns") == "12")
        #expect(index.elements(named: "Wells").first?.elements(forName: "Well").count == 2)

        let images = index.elements(named: "Image").filter { $0.childText("URL") != nil }
        #expect(images.count == export.images.count)
        let image = try #require(images.first { $0.childText("URL") == "r03c11f02p01-ch2sk2fk1fl1.tiff" })
        #expect(image.childText("State") == "Ok")
        #expect(image.childText("Row") == "3")
        #expect(image.childText("Col") == "11")
        #expect(image.childText("FieldID") == "2")
        #expect(image.childText("PlaneID") == "1")
        #expect(image.childText("TimepointID") == "1")
        #expect(image.childText("ChannelID") == "2")
        #expect(image.childText("ChannelName") == "Alexa 488")
        #expect(image.childText("ImageSizeX") == "40")
        #expect(image.childText("ImageSizeY") == "24")
        let resolution = try #require(image.elements(forName: "ImageResolutionX").first)
        #expect(resolution.attributeValue("Unit") == "m")
        #expect(abs((Double(resolution.stringValue ?? "") ?? 0) - 0.65e-6) < 1e-12)
        let first = try #require(images.first { $0.childText("URL") == "r01c01f01p01-ch1sk1fk1fl1.tiff" })
        #expect(first.childText("ChannelName") == "Hoechst & co")
    }

    @Test("without a plan only images are written")
    func noPlan() throws {
        let directory = try TemporaryDirectory()
        var spec = Self.spec(.harmony)
        spec.writePlan = false
        let export = try SampleExportGenerator.generate(spec, into: directory.path)
        #expect(export.planFiles.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: directory.file("Images/Index.idx.xml")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.file("Images")).count == export.images.count)
    }

    static let invalidSpecs: [(String, ExportSpec)] = {
        var tooManyChannels = spec(.imageXpress)
        tooManyChannels.channels = 10
        var wellOutside = spec(.yokogawa)
        wellOutside.wells = [WellIndex(row: 8, column: 0)]
        var slashInName = spec(.harmony)
        slashInName.plateName = "a/b"
        return [("channels", tooManyChannels), ("well", wellOutside), ("plate name", slashInName)]
    }()

    @Test("specs the naming cannot express are refused, naming the value", arguments: invalidSpecs)
    func refusesInvalidSpec(property: String, spec: ExportSpec) throws {
        let directory = try TemporaryDirectory()
        let error = try #require(throws: SampleExportError.self) {
            _ = try SampleExportGenerator.generate(spec, into: directory.path)
        }
        guard case .invalidSpec(let actualProperty, _, _) = error.kind else {
            Issue.record("expected an invalid spec, got \(error)")
            return
        }
        #expect(actualProperty == property)
        #expect(error.description.hasPrefix(directory.path))
        #expect(try directory.entries().isEmpty)
    }
}
