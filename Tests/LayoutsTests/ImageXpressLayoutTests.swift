import Foundation
import Testing
@testable import Layouts

@Suite struct ImageXpressNamingTests {
    private let layout = ImageXpressLayout()

    private func key(_ path: String) -> ImageKey? {
        if case .image(let key) = layout.classify(relativePath: path) { return key }
        return nil
    }

    @Test func readsInstrumentNamesWithGluedGUIDs() {
        let stored = key("MIP-2P-2sub/2022-07-05/1075/TimePoint_1/MIP-2P-2sub_C05_s1_w146C9B2CD-0BB3-4B8A-9187-2805F4C90506.tif")
        #expect(stored == ImageKey(plate: "MIP-2P-2sub_Plate_1075", well: WellPosition(row: 2, column: 4), field: 0, channel: 0, z: 0))
        let wave3 = key("1well-3C-2S-Zmix-T_C07_s2_w389413C08-5937-4585-B174-F903865B076F.tif")
        #expect(wave3 == ImageKey(plate: "1well-3C-2S-Zmix-T", well: WellPosition(row: 2, column: 6), field: 1, channel: 2, z: 0))
        let projection = key("Projection-Mix_E07_s1_w1E94C24BD-45E4-450A-9919-257C714278F7.tif")
        #expect(projection == ImageKey(plate: "Projection-Mix", well: WellPosition(row: 4, column: 6), field: 0, channel: 0, z: 0))
    }

    @Test func takesTimeAndZFromFolders() {
        let exported = key("test_Plate_3420/TimePoint_2/ZStep_3/test_C05_s1_w1.TIF")
        #expect(exported == ImageKey(plate: "test_Plate_3420", well: WellPosition(row: 2, column: 4), field: 0, channel: 0, z: 2, t: 1))
        #expect(key("P_A01_s1_w2_t3.tif")?.t == 2)
        #expect(key("TimePoint_3/P_A01_s1_w2_t3.tif")?.t == 2)
        guard case .unrecognized(let reason) = layout.classify(relativePath: "TimePoint_1/P_A01_s1_w2_t3.tif") else {
            Issue.record("contradicting time token accepted")
            return
        }
        #expect(reason.contains("TimePoint_1"))
    }

    @Test func plateNameIsGreedyAndTokensAreOptional() {
        #expect(key("my_plate_2-x_B03_s2_w2.tif")?.plate == "my_plate_2-x")
        #expect(key("Plate1_B03.tif") == ImageKey(plate: "Plate1", well: WellPosition(row: 1, column: 2), field: 0, channel: 0, z: 0))
        #expect(key("Plate1_H12_w4.tif")?.channel == 3)
        #expect(key("Plate1_H12_s9.tif")?.field == 8)
        #expect(key("Big_AF48_s1_w1.tif")?.well == WellPosition(row: 31, column: 47))
    }

    @Test func ignoresThumbnailsProjectionsAndLitter() {
        let ignored = [
            "MIP-2P-2sub_C05_s1_w1_thumb6EFE77C6-B96D-412A-9FD1-710DBDA32821.tif",
            "Thumbs.db", ".DS_Store", "plate/.test_C05_s1_w1.tif.tmp", "test_C05_s1_w1.tif.part", "~$layout.xlsx",
            "._test_C05_s1_w1.tif", "x/image.statistics.json", ".snapshot/test_C05_s1_w1.tif", "notes.txt",
        ]
        for path in ignored {
            guard case .ignored(let reason) = layout.classify(relativePath: path) else {
                Issue.record("\(path) not ignored: \(layout.classify(relativePath: path))")
                continue
            }
            #expect(!reason.isEmpty)
        }
    }

    @Test func eachRunIsItsOwnPlate() {
        let exported = ["9987_Plate_3420/TimePoint_1/9987_B02.TIF", "9987_Plate_3434/TimePoint_1/ZStep_1/9987_B02_s1_w1.TIF",
                        "9987_Plate_3435/TimePoint_2/9987_B02_s1_w1.TIF"].compactMap { key($0)?.plate }
        #expect(exported == ["9987_Plate_3420", "9987_Plate_3434", "9987_Plate_3435"])
        // The same run copied from the MetaXpress database gets the name MetaXpress exports it under.
        #expect(key("Screen 7/2023-02-21/1334/ZStep_2/Screen 7_E07_s1_w1.tif")?.plate == "Screen 7_Plate_1334")
        #expect(key("Screen 7/2023-02-21/1335/Screen 7_E07_s1_w1.tif")?.plate == "Screen 7_Plate_1335")
        // Without a run folder the plate is the name's plate token, as before.
        #expect(key("incoming/Screen 7_E07_s1_w1.tif")?.plate == "Screen 7")
        #expect(key("2023-02-21/Screen 7_E07_s1_w1.tif")?.plate == "Screen 7")
    }

    @Test func projectionsGoToTheRunsProjectionPlate() {
        let projection = key("AB_Plate_12/TimePoint_1/ZStep_0/AB_C05_s2_w3.TIF")
        #expect(projection == ImageKey(plate: "AB_Plate_12_projection", well: WellPosition(row: 2, column: 4),
                                       field: 1, channel: 2, z: 0))
        let plane = key("AB_Plate_12/TimePoint_1/ZStep_1/AB_C05_s2_w3.TIF")
        #expect(plane?.plate == "AB_Plate_12")
    }

    @Test func readsPlaneMetadataFromTheMetaSeriesHeader() {
        let header = #"<MetaData><PlaneInfo><prop id="spatial-calibration-x" type="float" value="1500"/>"#
            + #"<prop id="spatial-calibration-units" type="string" value="nm"/>"#
            + #"<prop id="_IllumSetting_" type="string" value="DAPI"/><prop id="wavelength" type="float" value="452"/>"#
            + #"<prop id="z-position" type="float" value="9334.88"/>"#
            + #"<custom-prop id="Z Projection Method" type="string" value="Best Focus"/></PlaneInfo></MetaData>"#
        let metadata = layout.planeMetadata(imageDescription: header)
        #expect(metadata?.pixelSizeMicrons == 1.5)
        #expect(metadata?.channelName == "DAPI")
        #expect(metadata?.emissionNanometres == 452)
        #expect(metadata?.zMicrons == 9334.88)
        #expect(metadata?.projectionMethod == "Best Focus")
        let uncalibrated = #"<MetaData><prop id="spatial-calibration-x" type="float" value="1"/>"#
            + #"<prop id="spatial-calibration-units" type="string" value="pixel"/></MetaData>"#
        #expect(layout.planeMetadata(imageDescription: uncalibrated)?.pixelSizeMicrons == nil)
        #expect(layout.planeMetadata(imageDescription: "ImageJ=1.54") == nil)
        #expect(layout.describesPlanesInImageHeader)
    }

    @Test func readsMetaMorphEraGUIDForms() {
        let underscored = key("images/1649_1109_0003_Amp5-1_B_20070424_C01_w1_10E01AFB-34C4-416E-A9D3-51B90AB53728.tif")
        #expect(underscored == ImageKey(plate: "1649_1109_0003_Amp5-1_B_20070424", well: WellPosition(row: 2, column: 0),
                                        field: 0, channel: 0, z: 0))
        let bracketed = key("images/101210OranePlt1_C16_w3_[E3E9B145-D9B7-49E1-8159-496F065708F7].tif")
        #expect(bracketed == ImageKey(plate: "101210OranePlt1", well: WellPosition(row: 2, column: 15), field: 0, channel: 2, z: 0))
        let glued = key("ADSAStaphInfection2_A01_w2247376DD-6ADD-442D-AE47-F54A05F3EA94.tif")
        #expect(glued?.channel == 1)
        #expect(glued?.plate == "ADSAStaphInfection2")
    }

    @Test func explainsNamesItCannotRead() {
        let cases: [(String, String)] = [
            ("Wellscan_96well_TL_488_t0_B07_s0_w0_z0.tif", "HCS.ai"),
            ("experiment/plate.jdce", "--layout imagexpress-hcsai"),
            ("random.tif", "<plate>_<well>"),
            ("P_C05_s0_w1.tif", "count from 1"),
            ("TimePoint_0/P_C05.tif", "TimePoint_"),
            ("\(String(repeating: "x", count: 140))_C05_s1_w1.tif", "directory name"),
            ("P_C05_s1_w1.tiff", "<plate>_<well>"),
        ]
        for (path, hint) in cases {
            guard case .unrecognized(let reason) = layout.classify(relativePath: path) else {
                Issue.record("\(path) not flagged: \(layout.classify(relativePath: path))")
                continue
            }
            #expect(reason.contains(hint), "\(path): \(reason)")
        }
    }

    @Test func recognisesTheHTDAsPlan() {
        #expect(layout.classify(relativePath: "9987_Plate_3434/9987.HTD") == .plan(.imageXpressHTD))
        #expect(layout.classify(relativePath: "9987_Plate_3434/TimePoint_1/9987.htd") == .plan(.imageXpressHTD))
    }
}

@Suite struct ImageXpressPlanTests {
    private let layout = ImageXpressLayout()

    /// An HTD shaped like faim-ipa's 9987.HTD: 96 wells, 5 selected, 2 sites, 3 waves, 2 time points, 3 z-steps.
    static func htd(wellsRow2: String = "FALSE, TRUE, TRUE, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE",
                    waves: String = "\"NWavelengths\", 3", end: String = "\"EndFile\"") -> Data {
        let none = Array(repeating: "FALSE", count: 12).joined(separator: ", ")
        var lines = ["\"HTSInfoFile\", Version 1.0", "DESCRIPTION_PLACEHOLDER", "\"PlateType\", 2", "\"TimePoints\", 2",
                     "\"ZSeries\", TRUE", "\"ZSteps\", 3", "\"ZProjection\", TRUE", "\"XWells\", 12", "\"YWells\", 8"]
        for row in 1...8 {
            let values = row == 2 ? wellsRow2 : row == 4 ? "FALSE, FALSE, FALSE, FALSE, TRUE, TRUE, TRUE, FALSE, FALSE, FALSE, FALSE, FALSE" : none
            lines.append("\"WellsSelection\(row)\", \(values)")
        }
        lines += ["\"Sites\", TRUE", "\"XSites\", 2", "\"YSites\", 1", "\"SiteSelection1\", TRUE, TRUE", "\"Waves\", TRUE", waves,
                  "\"WaveName1\", \"DAPI\"", "\"WaveName2\", \"FITC\"", "\"WaveName3\", \"Texas Red\"",
                  "\"WaveCollect1\", 1", "\"WaveCollect2\", 1", "\"WaveCollect3\", 1",
                  "\"UniquePlateIdentifier\", \"6f0ba473-d18a-4a31-8db8-e2087bc78145\"", end]
        var data = Data((lines.joined(separator: "\r\n") + "\r\n").utf8)
        // The real Description holds bytes that are not UTF-8 (0xC7 0xC5 between phrases).
        let description = Data("\"Description\", \"1t-2w-2s-4c-3z mixed".utf8) + Data([0xC7, 0xC5])
            + Data("DAPI: 3z + MIP\"".utf8)
        let placeholder = Data("DESCRIPTION_PLACEHOLDER".utf8)
        if let range = data.range(of: placeholder) { data.replaceSubrange(range, with: description) }
        return data
    }

    @Test func expectsEverySelectedPlane() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write(Self.htd(), to: "9987_Plate_3434/TimePoint_1/ZStep_1/9987.HTD")
        let plan = try layout.readPlan(at: path)
        #expect(plan.format == .wells96)
        #expect(plan.channels.map(\.name) == ["DAPI", "FITC", "Texas Red"])
        #expect(plan.channels.map(\.index) == [0, 1, 2])
        #expect(plan.expected?.count == 180, "5 wells × 2 sites × 3 waves × 2 time points × 3 z-steps")
        let b02 = WellPosition(row: 1, column: 1)
        #expect(plan.expected?.contains(ImageKey(plate: "", well: b02, field: 1, channel: 2, z: 2, t: 1)) == true)
        #expect(plan.expected?.contains(ImageKey(plate: "", well: WellPosition(row: 0, column: 0), field: 0, channel: 0, z: 0)) == false)
        #expect(plan.expected?.contains(ImageKey(plate: "", well: b02, field: 2, channel: 0, z: 0)) == false)
        #expect(Set(plan.expected?.map(\.well) ?? []) == Set(["B02", "B03", "D05", "D06", "D07"].compactMap(WellPosition.init(parsing:))))
        #expect(plan.scopeDirectory == (folder.path as NSString).appendingPathComponent("9987_Plate_3434"))
        #expect(plan.expectedKeys(forPlate: "9987")?.allSatisfy { $0.plate == "9987" } == true)
    }

    @Test func skipsWavesThatAreNotCollected() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var text = String(decoding: Self.htd(), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"WaveCollect2\", 1", with: "\"WaveCollect2\", 0")
        let plan = try layout.readPlan(at: try folder.write(text, to: "p/9987.HTD"))
        #expect(plan.channels.map(\.index) == [0, 2])
        #expect(plan.expected?.count == 120, "5 wells × 2 sites × 2 waves × 2 time points × 3 z-steps")
        #expect(plan.expected?.contains { $0.channel == 1 } == false)
    }

    @Test func rejectsMalformedPlansNamingTheFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let cases: [(String, Data, String)] = [
            ("truncated.HTD", Self.htd(end: "\"WaveCollect3\", 1"), "EndFile"),
            ("short-row.HTD", Self.htd(wellsRow2: "TRUE, TRUE"), "XWells"),
            ("extra-wave.HTD", Self.htd(waves: "\"NWavelengths\", 2"), "WaveName3"),
            ("not-htd.HTD", Data("hello\r\n\"EndFile\"\r\n".utf8), "HTSInfoFile"),
            ("no-size.HTD", Data("\"HTSInfoFile\", Version 1.0\r\n\"Sites\", FALSE\r\n\"EndFile\"\r\n".utf8), "YWells"),
            ("bad-count.HTD", Data("\"HTSInfoFile\", Version 1.0\r\n\"XWells\", twelve\r\n\"YWells\", 8\r\n\"EndFile\"\r\n".utf8), "twelve"),
        ]
        for (name, data, hint) in cases {
            let path = try folder.write(data, to: name)
            #expect {
                try layout.readPlan(at: path)
            } throws: { error in
                guard let error = error as? LayoutError, case .malformedPlan(let errorPath, _, _) = error else { return false }
                return errorPath == path && error.description.contains(path) && error.description.contains(hint)
            }
        }
    }

    @Test func refusesOtherPlansAndMissingFiles() {
        #expect(throws: LayoutError.self) { try layout.readPlan(at: "/nowhere/MeasurementData.mlf") }
        #expect {
            try layout.readPlan(at: "/nowhere/9987.HTD")
        } throws: { error in
            guard case .unreadable(let path, _) = error as? LayoutError else { return false }
            return path == "/nowhere/9987.HTD"
        }
    }
}
