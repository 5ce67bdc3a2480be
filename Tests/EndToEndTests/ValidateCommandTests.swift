import Foundation
import PlateDropTestSupport
import Testing
import Zarr

@Suite("platedrop validate on a plate broken after writing")
struct ValidateCommandTests {
    static let scenario = ExportScenario(
        summary: "two wells", layout: .yokogawa, plateName: "CVBroken", format: 96, wells: ["A1", "B3"])

    @Test(arguments: StorageVariant.allCases)
    func deletedWellFolderIsReportedAsWellMissing(storage: StorageVariant) async throws {
        let binary = try PlateDropBinary.located()
        let work = try TemporaryFolder()
        let exportRoot = work.path + "/" + Self.scenario.plateName
        let export = try await binary.run(["sample-export", exportRoot] + Self.scenario.sampleExportArguments)
        try #require(export.exitCode == 0, "\(export.transcript)")
        let outRoot = work.path + "/out"
        let ingest = try await binary.run(["ingest", exportRoot, "--out", outRoot] + storage.ingestArguments)
        try #require(ingest.exitCode == 0, "\(ingest.transcript)")
        let plateRoot = outRoot + "/" + Self.scenario.plateName + ".ome.zarr"
        let intact = try await binary.run(["validate", plateRoot, "--json"])
        try #require(intact.exitCode == 0, "\(intact.transcript)")
        let intactReport = try JSONValue(parsing: intact.standardOutput, source: "validate --json")
        #expect(intactReport["valid"]?.boolValue == true)
        #expect(intactReport["version"]?.stringValue == (storage == .ngff04 ? "0.4" : "0.5"))
        #expect(intactReport["wells"]?.intValue == 2)
        #expect(intactReport["fields"]?.intValue == 2)

        try FileManager.default.removeItem(atPath: plateRoot + "/B/3")
        let broken = try await binary.run(["validate", plateRoot, "--json"])
        #expect(broken.exitCode == 1, "\(broken.transcript)")
        let report = try JSONValue(parsing: broken.standardOutput, source: "validate --json")
        #expect(report["valid"]?.boolValue == false)
        let issues = report["issues"]?.arrayValue ?? []
        #expect(issues.contains { $0["code"]?.stringValue == "well-missing" && $0["path"]?.stringValue == "B/3" },
                "no well-missing issue for B/3:\n\(broken.standardOutput)")
    }
}
