import Ingest
import NGFF
import TOMLKit
import Zarr

/// Walks a parsed TOML table into a `PlateDropConfig`, collecting problems instead of stopping at the first.
struct ConfigReader {
    private let lines: SourceLines
    private(set) var problems: [ConfigProblem] = []
    /// Which `[[section]]` table is being read, so problems point at the right one.
    private var entry = 0

    init(text: String) {
        lines = SourceLines(text: text)
    }

    mutating func read(_ table: TOMLTable) -> PlateDropConfig {
        var config = PlateDropConfig()
        rejectUnknownKeys(table, allowed: ["output", "layout"], section: nil)
        if let output = table["output"] {
            if let section = output.table {
                config.output = readOutput(section)
            } else {
                report("output", section: nil, "[output] must be a table")
            }
        }
        if let layouts = table["layout"] {
            if let entries = layouts.array {
                config.customLayouts = entries.enumerated().compactMap { index, entry in
                    guard let section = entry.table else {
                        report("layout", section: nil, "[[layout]] entry \(index + 1) must be a table")
                        return nil
                    }
                    return readLayout(section, index: index)
                }
            } else {
                report("layout", section: nil, "layouts are written as [[layout]] tables")
            }
        }
        return config
    }

    private mutating func readOutput(_ table: TOMLTable) -> IngestOptions {
        let section = "output"
        rejectUnknownKeys(table, allowed: ["ngff", "codec", "level", "shuffle", "chunk", "shard", "pyramid_smallest_side",
                                           "pyramid_levels", "workers", "durable"], section: section)
        var options = IngestOptions()
        if let ngff = string(table, "ngff", section: section) {
            if let version = NGFFVersion(rawValue: ngff) {
                options.ngffVersion = version
            } else {
                report("ngff", section: section, "ngff = \"\(ngff)\" is not a version PlateDrop writes; use \"0.4\" or \"0.5\"")
            }
        }
        let codec = string(table, "codec", section: section) ?? "blosc-zstd"
        let level = integer(table, "level", section: section, in: -7...22)
        let shuffleName = string(table, "shuffle", section: section) ?? "bit"
        let shuffle: BloscShuffle? = switch shuffleName {
        case "bit": .bit
        case "byte": .byte
        case "none": BloscShuffle.none
        default: nil
        }
        if shuffle == nil {
            report("shuffle", section: section, "shuffle = \"\(shuffleName)\" is unknown; use \"bit\", \"byte\" or \"none\"")
        }
        switch codec {
        case "blosc-zstd", "blosc-lz4":
            let clevel = level ?? 5
            if !(0...9).contains(clevel) { report("level", section: section, "blosc levels run from 0 to 9, found \(clevel)") }
            options.compressor = .blosc(codec == "blosc-zstd" ? .zstd : .lz4, clevel: clevel, shuffle: shuffle ?? .bit)
        case "zstd":
            options.compressor = .zstd(level: level ?? 3, checksum: false)
        case "none":
            options.compressor = .none
        default:
            report("codec", section: section,
                   "codec = \"\(codec)\" is unknown; use \"blosc-zstd\", \"blosc-lz4\", \"zstd\" or \"none\"")
        }
        if let chunk = integer(table, "chunk", section: section, in: 16...65536) { options.chunkSize = chunk }
        if let shard = string(table, "shard", section: section) {
            if let mode = IngestOptions.Sharding(rawValue: shard) {
                options.sharding = mode
            } else {
                report("shard", section: section, "shard = \"\(shard)\" is unknown; use \"plane\" or \"none\"")
            }
        }
        if let side = integer(table, "pyramid_smallest_side", section: section, in: 1...1_000_000) {
            options.pyramidSmallestSide = side
        }
        if let levels = integer(table, "pyramid_levels", section: section, in: 0...32) {
            options.pyramidMaximumLevels = levels == 0 ? nil : levels
        }
        if let workers = integer(table, "workers", section: section, in: 0...256) {
            options.workers = workers == 0 ? IngestOptions.defaultWorkerCount : workers
        }
        if let durable = table["durable"] {
            if let value = durable.bool { options.durableChunks = value } else {
                report("durable", section: section, "durable must be true or false")
            }
        }
        return options
    }

    private mutating func readLayout(_ table: TOMLTable, index: Int) -> CustomLayoutConfig? {
        let section = "layout"
        entry = index
        defer { entry = 0 }
        rejectUnknownKeys(table, allowed: ["name", "pattern", "index_base", "plate"], section: section)
        guard let name = string(table, "name", section: section), let pattern = string(table, "pattern", section: section)
        else {
            problems.append(ConfigProblem(line: lines.headerLine(of: section, entry: index),
                                          message: "[[layout]] entry \(index + 1) needs both name and pattern"))
            return nil
        }
        let base = integer(table, "index_base", section: section, in: 0...1) ?? 1
        let layout = CustomLayoutConfig(name: name, pattern: pattern, oneBased: base == 1,
                                        plateName: string(table, "plate", section: section))
        do {
            _ = try layout.makeLayout()
        } catch {
            report("pattern", section: section, "\(error)")
            return nil
        }
        return layout
    }

    private mutating func rejectUnknownKeys(_ table: TOMLTable, allowed: Set<String>, section: String?) {
        for key in table.keys where !allowed.contains(key) {
            let place = section.map { "[\($0)]" } ?? "the top level"
            report(key, section: section, "unknown key \"\(key)\" in \(place); known keys: \(allowed.sorted().joined(separator: ", "))")
        }
    }

    private mutating func string(_ table: TOMLTable, _ key: String, section: String) -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.string else {
            report(key, section: section, "\(key) must be a string")
            return nil
        }
        return text
    }

    private mutating func integer(_ table: TOMLTable, _ key: String, section: String, in range: ClosedRange<Int>) -> Int? {
        guard let value = table[key] else { return nil }
        guard let number = value.int else {
            report(key, section: section, "\(key) must be a whole number")
            return nil
        }
        guard range.contains(number) else {
            report(key, section: section, "\(key) = \(number) is out of range \(range.lowerBound)…\(range.upperBound)")
            return nil
        }
        return number
    }

    private mutating func report(_ key: String, section: String?, _ message: String) {
        let line = lines.line(of: key, inSection: section, entry: entry)
            ?? section.flatMap { lines.line(of: $0, inSection: nil) }
        problems.append(ConfigProblem(line: line, message: message))
    }
}
