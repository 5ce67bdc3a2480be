import Foundation
import NGFF
import Testing
import Zarr

/// Every fault of docs/ngff-choices.md §7.3 (including those only one external validator catches) is rejected with
/// the right code, and well-formed plates pass.
@Suite struct HCSValidatorTests {
    /// A fault: what to break, which versions it applies to, and the issue code it must raise.
    struct Fault: CustomTestStringConvertible, Sendable {
        let name: String
        let code: String
        let versions: [NGFFVersion]
        let breakPlate: @Sendable (TestPlate) throws -> Void

        var testDescription: String { name }
    }

    static let faults: [Fault] = [
        Fault(name: "well listed, directory absent", code: "well-missing", versions: NGFFVersion.allCases) { plate in
            try plate.remove("B/3")
        },
        Fault(name: "field listed, directory absent", code: "field-missing", versions: NGFFVersion.allCases) { plate in
            try plate.remove("A/2/1")
        },
        Fault(name: "acquisition id not declared", code: "acquisition-undeclared", versions: NGFFVersion.allCases) { plate in
            try plate.editOME("A/1") { $0["well"]?["images"] = [["path": "0", "acquisition": 7], ["path": "1", "acquisition": 0]] }
        },
        Fault(name: "two acquisitions, images lack acquisition", code: "acquisition-missing",
              versions: NGFFVersion.allCases) { plate in
            try plate.editOME("") { $0["plate"]?["acquisitions"] = [["id": 0, "name": "a"], ["id": 1, "name": "b"]] }
            try plate.editOME("A/1") { $0["well"]?["images"] = [["path": "0"], ["path": "1"]] }
        },
        Fault(name: "rowIndex inconsistent with path", code: "well-row-index", versions: NGFFVersion.allCases) { plate in
            try plate.editOME("") { ome in
                ome["plate"]?["wells"] = [["path": "A/1", "rowIndex": 1, "columnIndex": 0],
                                          ["path": "A/2", "rowIndex": 0, "columnIndex": 1],
                                          ["path": "B/3", "rowIndex": 1, "columnIndex": 2]]
            }
        },
        Fault(name: "plate without plate.version", code: "plate-version", versions: NGFFVersion.allCases) { plate in
            try plate.editOME("") { $0["plate"]?["version"] = nil }
        },
        Fault(name: "0.5 plate attributes not under ome", code: "ome-namespace", versions: [.v05]) { plate in
            try plate.edit(plate.attributesFile("")) { document in
                let plateBlock = document["attributes"]?["ome"]?["plate"] ?? .null
                document["attributes"] = ["plate": plateBlock]
            }
        },
        Fault(name: "field path fov_0", code: "field-path", versions: NGFFVersion.allCases) { plate in
            try plate.editOME("A/1") { $0["well"]?["images"] = [["path": "fov_0", "acquisition": 0], ["path": "1", "acquisition": 0]] }
        },
        Fault(name: "row name A-1", code: "plate-rows-name", versions: NGFFVersion.allCases) { plate in
            try plate.editOME("") { $0["plate"]?["rows"] = [["name": "A-1"], ["name": "B"]] }
        },
        Fault(name: "level array without dimension_names", code: "dimension-names", versions: [.v05]) { plate in
            try plate.edit("\(plate.root)/A/1/0/0/zarr.json") { $0["dimension_names"] = nil }
        },
        Fault(name: "0.5 well with ome.version 0.4", code: "version-mismatch", versions: [.v05]) { plate in
            try plate.editOME("A/1") { $0["version"] = "0.4" }
        },
        Fault(name: "omero channel without window", code: "omero-window", versions: NGFFVersion.allCases) { plate in
            try plate.editOME("A/1/0") { $0["omero"]?["channels"] = [["label": "DAPI", "color": "0000FF"]] }
        },
        Fault(name: "row group metadata deleted", code: "row-missing", versions: NGFFVersion.allCases) { plate in
            try plate.remove(plate.version == .v05 ? "B/zarr.json" : "B/.zgroup")
        },
        Fault(name: "different dtype between fields", code: "dtype-differs", versions: NGFFVersion.allCases) { plate in
            let file = plate.version == .v05 ? "\(plate.root)/B/3/1/0/zarr.json" : "\(plate.root)/B/3/1/0/.zarray"
            try plate.edit(file) { document in
                if plate.version == .v05 { document["data_type"] = "uint8" } else { document["dtype"] = "|u1" }
            }
        },
        Fault(name: "different shape between fields", code: "shape-differs", versions: NGFFVersion.allCases) { plate in
            let file = plate.version == .v05 ? "\(plate.root)/B/3/1/0/zarr.json" : "\(plate.root)/B/3/1/0/.zarray"
            try plate.edit(file) { $0["shape"] = [1, 1, 40, 64] }
        },
        Fault(name: "field paths differ between wells", code: "field-paths-differ", versions: NGFFVersion.allCases) { plate in
            let moved = FileManager.default
            try moved.moveItem(atPath: "\(plate.root)/B/3/0", toPath: "\(plate.root)/B/3/5")
            try moved.moveItem(atPath: "\(plate.root)/B/3/1", toPath: "\(plate.root)/B/3/6")
            try plate.editOME("B/3") { $0["well"]?["images"] = [["path": "5", "acquisition": 0], ["path": "6", "acquisition": 0]] }
        },
        Fault(name: "rows skip a physical row", code: "rows-gap", versions: NGFFVersion.allCases) { plate in
            try plate.editOME("") { $0["plate"]?["rows"] = [["name": "B"]] }
        },
        Fault(name: "columns skip a physical column", code: "columns-gap", versions: NGFFVersion.allCases) { plate in
            try plate.editOME("") { $0["plate"]?["columns"] = [["name": "1"], ["name": "3"], ["name": "2"], ["name": "5"]] }
        },
        Fault(name: "corrupted shard index", code: "shard-index", versions: [.v05]) { plate in
            let shard = "\(plate.root)/A/1/0/0/c/0/0/0/0"
            var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: shard)))
            bytes[bytes.count - 10] ^= 0xFF
            try Data(bytes).write(to: URL(fileURLWithPath: shard))
        },
    ]

    static let cases: [(Fault, NGFFVersion)] = faults.flatMap { fault in fault.versions.map { (fault, $0) } }

    @Test(arguments: NGFFVersion.allCases, [false, true])
    func wellFormedPlatePasses(version: NGFFVersion, sharded: Bool) throws {
        guard version == .v05 || !sharded else { return }
        let plate = try TestPlate(version: version, sharded: sharded)
        let report = HCSValidator().validate(plateAt: plate.root)
        #expect(report.isValid, "\(report.text)")
        #expect(report.issues.isEmpty, "\(report.text)")
        #expect(report.wellCount == 3)
        #expect(report.fieldCount == 6)
        #expect(report.version == version)
    }

    @Test(arguments: cases)
    func faultIsRejected(fault: Fault, version: NGFFVersion) throws {
        let plate = try TestPlate(version: version, sharded: version == .v05)
        try fault.breakPlate(plate)
        let report = HCSValidator().validate(plateAt: plate.root)
        #expect(!report.isValid, "\(fault.name) passed:\n\(report.text)")
        #expect(report.issues.contains { $0.code == fault.code && $0.severity == .error },
                "\(fault.name): expected code \(fault.code), got:\n\(report.text)")
    }

    /// A field the instrument could not image is left out of its well; field_count is a maximum.
    @Test(arguments: NGFFVersion.allCases)
    func aWellWithFewerFieldsIsValid(version: NGFFVersion) throws {
        let plate = try TestPlate(version: version, sharded: version == .v05)
        try plate.remove("B/3/1")
        try plate.editOME("B/3") { $0["well"]?["images"] = [["path": "0", "acquisition": 0]] }
        let report = HCSValidator().validate(plateAt: plate.root)
        #expect(report.isValid, "\(report.text)")
        #expect(report.issues.contains { $0.code == "fewer-fields" && $0.severity == .warning }, "\(report.text)")
    }

    /// A time-lapse plate while a timepoint is appended well by well: wells one longer along t than the others
    /// are a warning, not P9's shape error; a difference along any other axis still is one.
    @Test(arguments: NGFFVersion.allCases)
    func wellsDifferingOnlyAlongTAreAWarning(version: NGFFVersion) throws {
        let plate = try TestPlate(version: version, sharded: version == .v05, timepoints: 2)
        #expect(HCSValidator().validate(plateAt: plate.root).issues.isEmpty)
        let arrays = ["B/3/0/0", "B/3/1/0", "B/3/0/1", "B/3/1/1"]
        for (index, array) in arrays.enumerated() {
            try plate.edit("\(plate.root)/\(array)/\(version == .v05 ? "zarr.json" : ".zarray")") {
                $0["shape"] = index < 2 ? [3, 1, 1, 40, 60] : [3, 1, 1, 20, 30]
            }
        }
        let grown = HCSValidator().validate(plateAt: plate.root)
        #expect(grown.isValid, "\(grown.text)")
        #expect(grown.issues.contains { $0.code == "t-extent-differs" && $0.severity == .warning }, "\(grown.text)")
        try plate.edit("\(plate.root)/A/2/0/0/\(version == .v05 ? "zarr.json" : ".zarray")") { $0["shape"] = [2, 1, 1, 40, 64] }
        let wider = HCSValidator().validate(plateAt: plate.root)
        #expect(wider.issues.contains { $0.code == "shape-differs" && $0.severity == .error }, "\(wider.text)")
    }

    /// An append stopped between a field's arrays leaves its coarser levels longer along t than level 0
    /// (they grow first): a warning. A level shorter along t than the one above hides timepoints level 0
    /// shows: still an error.
    @Test(arguments: NGFFVersion.allCases)
    func coarserLevelsLongerAlongTAreAWarning(version: NGFFVersion) throws {
        let plate = try TestPlate(version: version, sharded: version == .v05, timepoints: 2)
        let document = version == .v05 ? "zarr.json" : ".zarray"
        try plate.edit("\(plate.root)/B/3/0/1/\(document)") { $0["shape"] = [3, 1, 1, 20, 30] }
        let stopped = HCSValidator().validate(plateAt: plate.root)
        #expect(stopped.isValid, "\(stopped.text)")
        #expect(stopped.issues.contains { $0.code == "t-extent-growing" && $0.severity == .warning && $0.path == "B/3/0" },
                "\(stopped.text)")
        try plate.edit("\(plate.root)/B/3/1/0/\(document)") { $0["shape"] = [3, 1, 1, 40, 60] }
        let shorter = HCSValidator().validate(plateAt: plate.root)
        #expect(shorter.issues.contains { $0.code == "pyramid-shape" && $0.severity == .error && $0.path == "B/3/1" },
                "\(shorter.text)")
    }

    @Test func jsonReportNamesEveryIssue() throws {
        let plate = try TestPlate(version: .v05, sharded: false)
        try plate.remove("B/3")
        let json = HCSValidator().validate(plateAt: plate.root).json
        #expect(json["valid"] == false)
        let issues = try #require(json["issues"]?.arrayValue)
        #expect(issues.contains { $0["code"]?.stringValue == "well-missing" && $0["path"]?.stringValue == "B/3" })
    }

    @Test func folderThatIsNoZarrIsRejected() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let report = HCSValidator().validate(plateAt: folder)
        #expect(report.issues.map(\.code) == ["not-zarr"])
    }
}
