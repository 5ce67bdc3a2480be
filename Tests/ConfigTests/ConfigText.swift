import Config
import Testing

/// Config files written line by line, so a test's line numbers are the array's positions plus one.
enum ConfigText {
    /// The config the lines describe; throws the `ConfigError` when they do not parse.
    static func parse(_ lines: [String]) throws -> PlateDropConfig {
        try PlateDropConfig.parse(lines.joined(separator: "\n"), path: "test.toml")
    }

    /// Every problem reported for the lines; records an issue when they parse cleanly.
    static func problems(_ lines: [String], sourceLocation: SourceLocation = #_sourceLocation) -> [ConfigProblem] {
        do {
            _ = try PlateDropConfig.parse(lines.joined(separator: "\n"), path: "test.toml")
            Issue.record("expected problems, but the config parsed", sourceLocation: sourceLocation)
            return []
        } catch {
            #expect(error.path == "test.toml", sourceLocation: sourceLocation)
            return error.problems
        }
    }

    /// The only problem reported for the lines (an issue is recorded when there are more or none).
    static func problem(_ lines: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> ConfigProblem {
        let found = problems(lines, sourceLocation: sourceLocation)
        #expect(found.count == 1, "\(found)", sourceLocation: sourceLocation)
        return try #require(found.first, sourceLocation: sourceLocation)
    }
}
