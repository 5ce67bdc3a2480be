import Foundation
import PlateDropTestSupport
import Testing

/// `platedrop ingest --help`: "Exit status 0 when every file was used and every well written, 1 when some input
/// was rejected (everything usable is still written), 2 on usage or configuration errors."
@Suite("ingest exit status 2 for usage and configuration errors, never 1")
struct ExitStatusTests {
    enum Misuse: String, CaseIterable, CustomStringConvertible {
        case unknownOption = "unknown option"
        case unsupportedNGFFVersion = "--ngff 0.7"
        case invalidConfigFile = "--config with an out-of-range value"
        case missingExportFolder = "export folder that does not exist"
        case existingStoreWithoutOverwrite = "plate store exists, no --overwrite"

        var description: String { rawValue }
    }

    static let scenario = ExportScenario(
        summary: "one well", layout: .imageXpress, plateName: "IXExit", format: 96, wells: ["A1"])

    @Test(arguments: Misuse.allCases)
    func misuseExitsWithTwo(misuse: Misuse) async throws {
        let binary = try PlateDropBinary.located()
        let work = try TemporaryFolder()
        let exportRoot = work.path + "/" + Self.scenario.plateName
        let export = try await binary.run(["sample-export", exportRoot] + Self.scenario.sampleExportArguments)
        try #require(export.exitCode == 0, "\(export.transcript)")
        let outRoot = work.path + "/out"
        var arguments = ["ingest", exportRoot, "--out", outRoot]
        switch misuse {
        case .unknownOption:
            arguments.append("--sharding")
        case .unsupportedNGFFVersion:
            arguments += ["--ngff", "0.7"]
        case .invalidConfigFile:
            let configPath = work.path + "/platedrop.toml"
            try Data("[output]\nchunk = -3\n".utf8).write(to: URL(fileURLWithPath: configPath))
            arguments += ["--config", configPath]
        case .missingExportFolder:
            arguments[1] = work.path + "/no-such-export"
        case .existingStoreWithoutOverwrite:
            let first = try await binary.run(arguments)
            try #require(first.exitCode == 0, "\(first.transcript)")
        }
        let result = try await binary.run(arguments)
        #expect(result.exitCode == 2, "\(result.transcript)")
        #expect(!result.standardError.isEmpty, "no explanation on stderr:\n\(result.transcript)")
    }
}
