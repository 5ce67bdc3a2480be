import Config
import Testing

@Suite("Config problems: each named with its line, all reported at once")
struct ConfigProblemTests {
    struct ProblemCase: Sendable, CustomTestStringConvertible {
        let lines: [String]
        let line: Int
        let message: String
        var testDescription: String { lines.joined(separator: " ⏎ ") }
    }

    @Test("unknown keys, wrong types, out-of-range values and unknown names point at their line", arguments: [
        // Unknown keys, at the top level, in [output] and as a misspelt table.
        ProblemCase(lines: ["verbose = true"], line: 1, message: "unknown key \"verbose\" in the top level"),
        ProblemCase(lines: ["[output]", "codec = \"zstd\"", "compression = 3"], line: 3, message: "unknown key \"compression\" in [output]"),
        ProblemCase(lines: ["# settings", "[outptu]", "level = 5"], line: 2, message: "unknown key \"outptu\""),
        // Wrong types.
        ProblemCase(lines: ["[output]", "level = \"5\""], line: 2, message: "level must be a whole number"),
        ProblemCase(lines: ["[output]", "chunk = 512.0"], line: 2, message: "chunk must be a whole number"),
        ProblemCase(lines: ["[output]", "ngff = 0.5"], line: 2, message: "ngff must be a string"),
        ProblemCase(lines: ["[output]", "codec = 3"], line: 2, message: "codec must be a string"),
        ProblemCase(lines: ["[output]", "", "durable = \"yes\""], line: 3, message: "durable must be true or false"),
        ProblemCase(lines: ["output = 3"], line: 1, message: "[output] must be a table"),
        // Out of range.
        ProblemCase(lines: ["[output]", "chunk = 8"], line: 2, message: "chunk = 8 is out of range 16…65536"),
        ProblemCase(lines: ["[output]", "level = 30"], line: 2, message: "level = 30 is out of range -7…22"),
        ProblemCase(lines: ["[output]", "codec = \"blosc-lz4\"", "level = 12"], line: 3, message: "blosc levels run from 0 to 9, found 12"),
        ProblemCase(lines: ["[output]", "level = -1"], line: 2, message: "blosc levels run from 0 to 9, found -1"),
        ProblemCase(lines: ["[output]", "pyramid_levels = 33"], line: 2, message: "pyramid_levels = 33 is out of range 0…32"),
        ProblemCase(lines: ["[output]", "pyramid_smallest_side = 0"], line: 2, message: "pyramid_smallest_side = 0 is out of range"),
        ProblemCase(lines: ["[output]", "workers = -1"], line: 2, message: "workers = -1 is out of range 0…256"),
        // Unknown names.
        ProblemCase(lines: ["[output]", "codec = \"gzip\""], line: 2, message: "codec = \"gzip\" is unknown"),
        ProblemCase(lines: ["[output]", "shuffle = \"bits\""], line: 2, message: "shuffle = \"bits\" is unknown"),
        ProblemCase(lines: ["[output]", "shard = \"tile\""], line: 2, message: "shard = \"tile\" is unknown"),
        ProblemCase(lines: ["[output]", "ngff = \"0.6\""], line: 2, message: "ngff = \"0.6\" is not a version"),
    ])
    func located(_ expected: ProblemCase) throws {
        let problem = try ConfigText.problem(expected.lines)
        #expect(problem.line == expected.line)
        #expect(problem.message.contains(expected.message), "\(problem.message)")
    }

    @Test("several problems are all reported at once, each with its line")
    func severalAtOnce() {
        let problems = ConfigText.problems([
            "[output]", "ngff = \"0.3\"", "codec = \"brotli\"", "chunk = 1", "workers = \"many\"", "colour = true",
        ])
        #expect(problems.map(\.line).sorted { ($0 ?? 0) < ($1 ?? 0) } == [2, 3, 4, 5, 6])
        #expect(problems.allSatisfy { !$0.message.isEmpty })
    }

    @Test("a key is found in its own section, not where the same key appears elsewhere")
    func sameKeyInTwoSections() throws {
        let problem = try ConfigText.problem([
            "[[layout]]", "name = \"a\"", "pattern = '(?<well>[A-P][0-9]{2})\\.tif'", "plate = \"p\"",
            "[output]", "plate = 3",
        ])
        #expect(problem.line == 6)
    }

    @Test("a table header with a trailing comment still locates the keys below it")
    func headerWithComment() throws {
        let problem = try ConfigText.problem(["[output]  # how plates are written", "level = 30"])
        #expect(problem.line == 2)
    }

    @Test("TOML syntax errors report their line", arguments: [
        (["[output]", "level = 5", "chunk = = 5"], 3),
        (["[output]", "codec = \"zstd", "level = 3"], 2),
        (["[output]", "level = 5", "level = 6"], 3),
        (["[output", "level = 5"], 1),
    ])
    func syntaxError(lines: [String], line: Int) throws {
        let problem = try ConfigText.problem(lines)
        #expect(problem.line == line, "\(problem)")
    }

    @Test("a [[layout]] whose regex does not compile is reported at its pattern line")
    func brokenRegex() throws {
        let problem = try ConfigText.problem([
            "[output]", "level = 5", "", "[[layout]]", "name = \"broken\"", "pattern = '(?<well>[A-P][0-9]{2}\\.tif'",
            "plate = \"p\"",
        ])
        #expect(problem.line == 6)
        #expect(problem.message.contains("broken"))
    }

    @Test("a [[layout]] without a well group is reported at its pattern line")
    func missingWellGroup() throws {
        let problem = try ConfigText.problem([
            "[[layout]]", "name = \"nowell\"", "pattern = '(?<field>[0-9]+)\\.tif'", "plate = \"p\"",
        ])
        #expect(problem.line == 3)
        #expect(problem.message.contains("(?<well>…)"))
    }

    @Test("the second of two [[layout]] entries is reported at its own pattern line")
    func secondLayoutBroken() throws {
        let problem = try ConfigText.problem([
            "[[layout]]", "name = \"good\"", "pattern = '(?<well>[A-P][0-9]{2})\\.tif'", "plate = \"p\"",
            "", "[[layout]]", "name = \"nowell\"", "pattern = '(?<field>[0-9]+)\\.tif'", "plate = \"p\"",
        ])
        #expect(problem.message.contains("nowell"))
        #expect(problem.line == 8)
    }

    @Test("a [[layout]] missing its pattern is reported at its own header")
    func layoutWithoutPattern() throws {
        let problem = try ConfigText.problem([
            "[[layout]]", "name = \"good\"", "pattern = '(?<well>[A-P][0-9]{2})\\.tif'", "plate = \"p\"",
            "", "[[layout]]", "name = \"half\"",
        ])
        #expect(problem.message.contains("needs both name and pattern"))
        #expect(problem.line == 6)
    }

    @Test("[[layout]] keys are checked: unknown keys and an index_base other than 0 or 1")
    func layoutKeys() {
        let problems = ConfigText.problems([
            "[[layout]]", "name = \"c\"", "pattern = '(?<well>[A-P][0-9]{2})\\.tif'", "plate = \"p\"", "index_base = 2",
            "regex = 'x'",
        ])
        #expect(problems.count == 2)
        #expect(problems.contains { $0.line == 5 && $0.message.contains("index_base = 2 is out of range 0…1") })
        #expect(problems.contains { $0.line == 6 && $0.message.contains("unknown key \"regex\" in [layout]") })
    }
}
