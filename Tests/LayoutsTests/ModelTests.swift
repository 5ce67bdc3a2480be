import Testing
@testable import Layouts

@Suite struct WellPositionTests {
    @Test(arguments: [(0, "A"), (7, "H"), (25, "Z"), (26, "AA"), (31, "AF")])
    func rowNamesAreSpreadsheetStyle(row: Int, name: String) {
        #expect(WellPosition(row: row, column: 0).rowName == name)
    }

    @Test func columnNamesAreUnpaddedAndOneBased() {
        #expect(WellPosition(row: 0, column: 0).columnName == "1")
        #expect(WellPosition(row: 0, column: 47).columnName == "48")
        #expect(WellPosition(row: 2, column: 4).description == "C05")
        #expect(WellPosition(row: 31, column: 47).description == "AF48")
    }

    @Test(arguments: [("C05", 2, 4), ("C5", 2, 4), ("AF48", 31, 47), ("af48", 31, 47), ("r03c05", 2, 4),
                      ("R16C24", 15, 23), ("A01", 0, 0)])
    func parsesVendorTokens(token: String, row: Int, column: Int) {
        #expect(WellPosition(parsing: token) == WellPosition(row: row, column: column))
    }

    @Test(arguments: ["", "C", "C0", "5C", "ABC1", "r0c1", "r03c", "C05x", "C-5", "A12345"])
    func rejectsNonWells(token: String) {
        #expect(WellPosition(parsing: token) == nil)
    }

    @Test func ordersRowByRow() {
        let wells = ["B01", "A12", "A02", "AA01", "Z48"].compactMap(WellPosition.init(parsing:))
        #expect(wells.sorted().map(\.description) == ["A02", "A12", "B01", "Z48", "AA01"])
    }
}

@Suite struct PlateFormatTests {
    @Test func smallestStandardHoldsEveryWell() {
        func smallest(_ tokens: [String]) -> PlateFormat? {
            PlateFormat.smallestStandard(containing: tokens.compactMap(WellPosition.init(parsing:)))
        }
        #expect(smallest(["A01", "B03"]) == .wells6)
        #expect(smallest(["C04"]) == .wells12)
        #expect(smallest(["H12", "A01"]) == .wells96)
        #expect(smallest(["A13"]) == .wells384)
        #expect(smallest(["P24"]) == .wells384)
        #expect(smallest(["AF48"]) == .wells1536)
        #expect(smallest(["AG01"]) == nil)
        #expect(smallest(["A49"]) == nil)
    }

    @Test func standardFormatsHaveTheirWellCounts() {
        #expect(PlateFormat.standard.map(\.wellCount) == [6, 12, 24, 48, 96, 384, 1536])
        #expect(PlateFormat.wells96.contains(WellPosition(row: 7, column: 11)))
        #expect(!PlateFormat.wells96.contains(WellPosition(row: 8, column: 0)))
        #expect(!PlateFormat.wells96.contains(WellPosition(row: 0, column: 12)))
    }
}

@Suite struct SafePlateNameTests {
    @Test(arguments: [
        ("CV8000-Minimal-DataSet-2C-3W-4S-FP2-stack", "CV8000-Minimal-DataSet-2C-3W-4S-FP2-stack"),
        ("CO001_x20Air__2022-06-15T11_48_56-Measurement 1", "CO001_x20Air__2022-06-15T11_48_56-Measurement 1"),
        ("../etc", "_etc"),
        ("a/b\\c", "a_b_c"),
        (".hidden", "hidden"),
        ("  padded  ", "padded"),
        ("time 11:48:56", "time 11_48_56"),
        ("Zellkultur-Ü", "Zellkultur-Ü"),
    ])
    func neutralisesUnsafeCharacters(raw: String, safe: String) {
        #expect(ImageKey.safePlateName(raw) == safe)
    }

    @Test(arguments: ["", "..", ".", "   ", "nul\u{0}byte", "tab\tname", "line\nbreak", "bad\u{FFFD}utf8",
                      String(repeating: "x", count: 129), String(repeating: "é", count: 65)])
    func rejectsWhatCannotBeMadeSafe(raw: String) {
        #expect(ImageKey.safePlateName(raw) == nil)
    }

    @Test func isIdempotentAndAcceptsTheLimit() {
        let limit = String(repeating: "x", count: ImageKey.maximumPlateNameBytes)
        #expect(ImageKey.safePlateName(limit) == limit)
        for raw in ["../etc", ". .x", "a/b", " .. name"] {
            let once = ImageKey.safePlateName(raw)
            #expect(once.flatMap(ImageKey.safePlateName) == once)
        }
    }
}

@Suite struct PlatePlanTests {
    private let well = WellPosition(row: 1, column: 2)

    @Test func fillsThePlateIntoPlanKeys() {
        let key = ImageKey(plate: "", well: well, field: 0, channel: 1, z: 0)
        let plan = PlatePlan(source: "/x/p.mlf", scopeDirectory: "/x", expected: [key], imageKeys: ["a.tif": key])
        #expect(plan.expectedKeys(forPlate: "P1") == [key.withPlate("P1")])
        #expect(plan.imageKey(forPathInScope: "a.tif", plate: "P1")?.plate == "P1")
        #expect(plan.imageKey(forPathInScope: "b.tif", plate: "P1") == nil)
        #expect(PlatePlan(source: "/x/p", scopeDirectory: "/x").expectedKeys(forPlate: "P1") == nil)
    }

    @Test func missingImageWithoutFieldCoversEveryField() {
        let missing = MissingImage(well: well, t: 0, reason: "AF Error at C03 No. 1")
        #expect(missing.covers(ImageKey(plate: "P", well: well, field: 3, channel: 1, z: 2)))
        #expect(!missing.covers(ImageKey(plate: "P", well: well, field: 3, channel: 1, z: 2, t: 1)))
        #expect(!missing.covers(ImageKey(plate: "P", well: WellPosition(row: 0, column: 0), field: 0, channel: 0, z: 0)))
    }

    @Test func mergingFillsGapsAndKeepsTheListingPlansChannels() {
        let key = ImageKey(plate: "", well: well, field: 0, channel: 0, z: 0)
        let listing = PlatePlan(source: "/x/a", scopeDirectory: "/x", channels: [ChannelInfo(index: 0, name: "C01")],
                                expected: [key], acquisitions: [AcquisitionInfo(id: 0, name: "Timeline 1", start: 10)])
        let describing = PlatePlan(
            source: "/x/b", scopeDirectory: "/x", plateName: "Plate", format: .wells96,
            channels: [ChannelInfo(index: 0, name: "C01", excitationNanometres: 405), ChannelInfo(index: 1, name: "C02")],
            pixelSizeMicrons: 0.325, acquisitions: [AcquisitionInfo(id: 0, name: "Run", start: 5, end: 20)])
        for merged in [listing.merged(with: describing), describing.merged(with: listing)] {
            #expect(merged.channels == [ChannelInfo(index: 0, name: "C01", excitationNanometres: 405)])
            #expect(merged.format == .wells96)
            #expect(merged.pixelSizeMicrons == 0.325)
            #expect(merged.plateName == "Plate")
            #expect(merged.expected == [key])
            #expect(merged.acquisitions.count == 1)
            #expect(merged.acquisitions.first?.end == 20)
        }
        #expect(listing.merged(with: describing).acquisitions.first?.start == 10)
        #expect(listing.merged(with: describing).source == "/x/a")
    }
}

@Suite struct PlaneKeyTests {
    @Test func aKeyNamesItsPlaneOrOnePlanePerPage() {
        let well = WellPosition(row: 1, column: 2)
        let single = ImageKey(plate: "P", well: well, field: 3, channel: 1, z: 4, t: 2, acquisition: 1)
        #expect(single.planes(pageCount: 1) == [PlaneKey(well: well, acquisition: 1, field: 3, t: 2, channel: 1, z: 4)])
        let stack = ImageKey(plate: "P", well: well, field: 0, channel: 0, z: nil)
        #expect(stack.planes(pageCount: 3).map(\.z) == [0, 1, 2])
        #expect(stack.planes(pageCount: 0).map(\.z) == [0])
    }

    @Test func planesOfTwoWellsCompareOnceMovedToOne() {
        let a = PlaneKey(well: WellPosition(row: 0, column: 0), acquisition: 0, field: 1, t: 0, channel: 2, z: 3)
        let b = a.moved(to: WellPosition(row: 4, column: 5))
        #expect(a != b)
        #expect(b.moved(to: a.well) == a)
    }
}
