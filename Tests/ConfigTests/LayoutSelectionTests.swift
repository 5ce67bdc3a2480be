import Config
import Foundation
import Layouts
import Testing

@Suite("PlateDropConfig.layout(named:exportRoot:): built-ins, aliases, [[layout]] names, auto")
struct LayoutSelectionTests {
    static let exportRoot = "/data/exports/Run_42"
    static let custom = [
        "[[layout]]", "name = \"benchtop\"",
        "pattern = '(?<well>[A-P][0-9]{1,2})_(?<field>[0-9]+)_(?<channel>[0-9]+)\\.tif'", "plate = \"benchtop-run\"",
    ]

    @Test("built-in names and their aliases, in any case", arguments: [
        ("imagexpress", "imagexpress"), ("ImageXpress", "imagexpress"), ("metaxpress", "imagexpress"),
        ("yokogawa", "yokogawa"), ("CV7000", "yokogawa"), ("cellvoyager", "yokogawa"),
        ("harmony", "harmony"), ("phenix", "harmony"), ("operetta", "harmony"), ("opera", "harmony"),
        ("cellomics", "cellomics"), ("CellInsight", "cellomics"), ("HCSai", "imagexpress-hcsai"),
    ])
    func builtIn(name: String, expected: String) throws {
        #expect(try PlateDropConfig().layout(named: name, exportRoot: Self.exportRoot).name == expected)
    }

    @Test("Harmony images at the export root belong to a plate named after the export folder")
    func harmonyPlateName() throws {
        let layout = try PlateDropConfig().layout(named: "harmony", exportRoot: Self.exportRoot)
        #expect((layout as? HarmonyLayout)?.defaultPlateName == "Run_42")
    }

    @Test("a [[layout]] of the config is found by its name and names images by its pattern")
    func customLayout() throws {
        let config = try ConfigText.parse(Self.custom)
        let layout = try config.layout(named: "benchtop", exportRoot: Self.exportRoot)
        #expect(layout.name == "benchtop")
        #expect(layout.classify(relativePath: "B03_2_1.tif") == .image(ImageKey(
            plate: "benchtop-run", well: WellPosition(row: 1, column: 2), field: 1, channel: 0, z: 0)))
    }

    @Test("an unknown name is reported with every name that would work")
    func unknownName() throws {
        let config = try ConfigText.parse(Self.custom)
        do {
            _ = try config.layout(named: "nikon", exportRoot: Self.exportRoot)
            Issue.record("an unknown layout was accepted")
        } catch let error as ConfigError {
            #expect(error.path == "--layout nikon")
            let problem = try #require(error.problems.first)
            #expect(problem.line == nil)
            let builtIn = LayoutCatalog.builtInNames.joined(separator: ", ")
            #expect(problem.message == "unknown layout; use one of auto, \(builtIn), benchtop")
        }
    }

    @Test("auto recognises a built-in layout from the export's files")
    func autoDetects() throws {
        let directory = try TemporaryDirectory()
        try Data().write(to: URL(fileURLWithPath: directory.file("Plate.HTD")))
        #expect(try PlateDropConfig().layout(named: "auto", exportRoot: directory.path).name == "imagexpress")
    }

    @Test("auto on a folder of no known instrument says what it looked at")
    func autoFails() throws {
        let directory = try TemporaryDirectory()
        try Data().write(to: URL(fileURLWithPath: directory.file("img1.tif")))
        #expect(throws: LayoutError.self) {
            try PlateDropConfig().layout(named: "auto", exportRoot: directory.path)
        }
    }
}
