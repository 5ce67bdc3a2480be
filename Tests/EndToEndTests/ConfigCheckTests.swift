import Foundation
import PlateDropTestSupport
import Testing

@Suite("platedrop config check")
struct ConfigCheckTests {
    @Test func shippedSampleConfigIsAccepted() async throws {
        let binary = try PlateDropBinary.located()
        let work = try TemporaryFolder()
        let copy = work.path + "/platedrop.toml"
        try FileManager.default.copyItem(atPath: PlateDropBinary.repositoryRoot + "/etc/platedrop.toml", toPath: copy)
        let check = try await binary.run(["config", "check", copy])
        #expect(check.exitCode == 0, "\(check.transcript)")
    }

    @Test func unknownKeyAndBadValueAreBothNamedByLine() async throws {
        let binary = try PlateDropBinary.located()
        let work = try TemporaryFolder()
        let path = work.path + "/platedrop.toml"
        let text = """
            [output]
            ngff = "0.5"
            compresion = "zstd"
            level = 5
            chunk = -3
            """
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let check = try await binary.run(["config", "check", path])
        #expect(check.exitCode == 1, "\(check.transcript)")
        let unknownKey = check.output.split(separator: "\n").filter { $0.contains("line 3") }
        let badValue = check.output.split(separator: "\n").filter { $0.contains("line 5") }
        #expect(unknownKey.contains { $0.contains("compresion") }, "line 3 (unknown key) not named:\n\(check.transcript)")
        #expect(badValue.contains { $0.contains("chunk") }, "line 5 (bad value) not named:\n\(check.transcript)")
    }
}
