import Testing
@testable import Layouts

@Suite struct CustomLayoutTests {
    @Test func readsNamedGroupsFromTheWholePath() throws {
        let layout = try CustomLayout(
            name: "cellomics-like",
            pattern: #"(?:.*/)?(?<plate>[^/]+)_(?<well>[A-P]\d{2})_s(?<field>\d+)_w(?<channel>\d+)(?:_z(?<z>\d+))?\.tif"#)
        #expect(layout.classify(relativePath: "run1/exp_B03_s2_w3.tif")
                == .image(ImageKey(plate: "exp", well: WellPosition(row: 1, column: 2), field: 1, channel: 2, z: 0)))
        #expect(layout.classify(relativePath: "exp_B03_s1_w1_z4.tif")
                == .image(ImageKey(plate: "exp", well: WellPosition(row: 1, column: 2), field: 0, channel: 0, z: 3)))
        guard case .unrecognized(let reason) = layout.classify(relativePath: "run1/exp_B03_s0_w3.tif") else {
            Issue.record("field 0 accepted in a 1-based layout")
            return
        }
        #expect(reason.contains("1-based"))
        guard case .unrecognized(let unmatched) = layout.classify(relativePath: "run1/other.tif") else {
            Issue.record("unmatched image not flagged")
            return
        }
        #expect(unmatched.contains(layout.pattern))
        if case .ignored = layout.classify(relativePath: "run1/readme.txt") {} else { Issue.record("text file not ignored") }
        if case .ignored = layout.classify(relativePath: "run1/.exp_B03_s2_w3.tif.tmp") {} else { Issue.record("temp file not ignored") }
    }

    @Test func readsRowAndColumnGroupsWithAFixedPlate() throws {
        let numeric = try CustomLayout(name: "grid", pattern: #"(?<row>\d+)-(?<column>\d+)-(?<field>\d+)\.tif"#,
                                       numbersAreZeroBased: true, plateName: "Fixed")
        #expect(numeric.classify(relativePath: "2-3-0.tif")
                == .image(ImageKey(plate: "Fixed", well: WellPosition(row: 2, column: 3), field: 0, channel: 0, z: 0)))
        let lettered = try CustomLayout(name: "biotek-like", pattern: #"(?<row>[A-Z]{1,2})(?<column>\d{1,2})_(?<t>\d+)\.tif"#,
                                        plateName: "Fixed", pagesAreZPlanes: true)
        #expect(lettered.classify(relativePath: "AF48_2.tif")
                == .image(ImageKey(plate: "Fixed", well: WellPosition(row: 31, column: 47), field: 0, channel: 0, z: nil, t: 1)))
    }

    @Test func plateGroupIsMadeSafe() throws {
        let layout = try CustomLayout(name: "c", pattern: #"(?<plate>.+)__(?<well>[A-Z]\d+)\.tif"#)
        #expect(layout.classify(relativePath: "a:b__C5.tif")
                == .image(ImageKey(plate: "a_b", well: WellPosition(row: 2, column: 4), field: 0, channel: 0, z: 0)))
        let tooLong = String(repeating: "p", count: 200)
        guard case .unrecognized(let reason) = layout.classify(relativePath: "\(tooLong)__C5.tif") else {
            Issue.record("unsafe plate accepted")
            return
        }
        #expect(reason.contains("directory name"))
    }

    @Test(arguments: [
        (#"(?<plate>.+_(?<well>[A-Z]\d+)"#, "expected ')'"),
        (#"(?<plate>.+)_s(?<field>\d+)\.tif"#, "(?<well>"),
        (#"(?<plate>.+)_(?<wel>[A-Z]\d+)\.tif"#, "(?<wel>"),
        (#"(?<row>[A-Z])(?<column>\d+)\.tif"#, "plate"),
        (#"x)|(.*(?<well>[A-Z]\d+)"#, "syntax error"),
    ])
    func rejectsUnusablePatterns(pattern: String, hint: String) {
        #expect {
            try CustomLayout(name: "bad", pattern: pattern)
        } throws: { error in
            guard let error = error as? LayoutError, case .invalidPattern(let layout, let found, _, _) = error else { return false }
            return layout == "bad" && found == pattern && error.description.contains(hint)
        }
    }

    @Test func lookBehindsAndEscapesAreNotGroups() throws {
        #expect(CaptureGroupNames.names(in: #"(?<=x)(?<well>[A-Z]\d+)\(?<no>[(?<also>)]"#) == ["well"])
        let layout = try CustomLayout(name: "c", pattern: #"(?<=^)(?<well>[A-Z]\d{2})\.tif"#, plateName: "P")
        #expect(layout.classify(relativePath: "C05.tif")
                == .image(ImageKey(plate: "P", well: WellPosition(row: 2, column: 4), field: 0, channel: 0, z: 0)))
        #expect(throws: LayoutError.self) { try layout.readPlan(at: "/x/plan.xml") }
    }
}
