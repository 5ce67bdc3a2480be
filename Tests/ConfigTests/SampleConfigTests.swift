import Config
import Foundation
import Ingest
import Testing

@Suite("etc/platedrop.toml: the documented sample config")
struct SampleConfigTests {
    /// The sample config of this repository, found from this file's place in `Tests/ConfigTests/`.
    static let samplePath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("etc/platedrop.toml").path

    @Test("parses, and every value it sets equals the built-in default")
    func defaults() throws {
        let config = try PlateDropConfig.load(path: Self.samplePath)
        #expect(config.output == IngestOptions())
        #expect(config.daemon == DaemonSettings())
        #expect(config.customLayouts.isEmpty)
    }

    @Test("its commented-out [[layout]] example is valid once uncommented")
    func layoutExample() throws {
        let text = try String(contentsOfFile: Self.samplePath, encoding: .utf8)
        let example = text.components(separatedBy: "\n").drop { !$0.hasPrefix("# [[layout]]") }
        #expect(!example.isEmpty)
        let uncommented = example.map { String($0.dropFirst(2)) }
        let config = try PlateDropConfig.parse(text + "\n" + uncommented.joined(separator: "\n"), path: "sample+layout")
        let layout = try #require(config.customLayouts.first)
        #expect(config.customLayouts.count == 1)
        #expect(layout.name == "benchtop")
        #expect(layout.oneBased)
        #expect(layout.plateName == "benchtop-run")
        #expect(layout.pattern.contains("(?<well>"))
    }

    @Test("its commented-out [web] example is valid once uncommented")
    func webExample() throws {
        let text = try String(contentsOfFile: Self.samplePath, encoding: .utf8)
        let example = text.components(separatedBy: "\n").drop { !$0.hasPrefix("# [web]") }.prefix { !$0.isEmpty }
        #expect(example.count == 2)
        let uncommented = example.map { String($0.dropFirst(2)) }
        let config = try PlateDropConfig.parse(text + "\n" + uncommented.joined(separator: "\n"), path: "sample+web")
        #expect(config.web.listen?.description == "127.0.0.1:8470")
        #expect(try PlateDropConfig.load(path: Self.samplePath).web.listen == nil)
    }

    @Test("a missing file is reported without a line")
    func missingFile() {
        let path = Self.samplePath + ".missing"
        do {
            _ = try PlateDropConfig.load(path: path)
            Issue.record("a missing file loaded")
        } catch {
            #expect(error.path == path)
            #expect(error.problems == [ConfigProblem(line: nil, message: "cannot read the file")])
        }
    }
}
