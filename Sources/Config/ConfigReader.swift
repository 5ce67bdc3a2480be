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
        rejectUnknownKeys(table, allowed: ["output", "layout", "daemon", "watch", "web"], section: nil)
        if let daemon = table["daemon"] {
            if let section = daemon.table {
                config.daemon = readDaemon(section)
            } else {
                report("daemon", section: nil, "[daemon] must be a table")
            }
        }
        if let web = table["web"] {
            if let section = web.table {
                config.web = readWeb(section)
            } else {
                report("web", section: nil, "[web] must be a table")
            }
        }
        // [output] first: a [[watch]] folder's own output settings start from it.
        if let output = table["output"] {
            if let section = output.table {
                rejectUnknownKeys(section, allowed: Self.outputKeys, section: "output")
                config.output = readOutput(section, section: "output", onto: IngestOptions())
            } else {
                report("output", section: nil, "[output] must be a table")
            }
        }
        if let watches = table["watch"] {
            if let entries = watches.array {
                config.watches = entries.enumerated().compactMap { index, entry in
                    guard let section = entry.table else {
                        report("watch", section: nil, "[[watch]] entry \(index + 1) must be a table")
                        return nil
                    }
                    return readWatch(section, index: index, outputSection: config.output)
                }
                let ids = config.watches.map(\.id)
                for duplicate in Set(ids.filter { id in ids.filter { $0 == id }.count > 1 }).sorted() {
                    report("id", section: "watch", "two [[watch]] roots share the id \"\(duplicate)\"; ids must be unique")
                }
            } else {
                report("watch", section: nil, "watched folders are written as [[watch]] tables")
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

    /// Keys of `[output]`; a `[[watch]]` may set those that shape its plates (not `workers`, `durable`).
    private static let outputKeys: Set<String> = ["ngff", "codec", "level", "shuffle", "chunk", "shard", "pyramid_smallest_side",
                                                  "pyramid_levels", "profile", "workers", "durable"]
    private static let watchOutputKeys = outputKeys.subtracting(["workers", "durable"])

    /// The output settings `table` gives, on top of `base`: the `[output]` section (on the defaults) or a
    /// `[[watch]]` folder's own (on `[output]`). A level alone keeps the base codec.
    private mutating func readOutput(_ table: TOMLTable, section: String, onto base: IngestOptions) -> IngestOptions {
        var options = base
        if let profile = string(table, "profile", section: section) {
            if profile == "compat" {
                options.ngffVersion = .v04
                options.consolidatedMetadata = true
            } else {
                report("profile", section: section, "profile = \"\(profile)\" is unknown; the one profile is \"compat\" "
                       + "(NGFF 0.4, Zarr v2, with consolidated .zmetadata)")
            }
        }
        if let ngff = string(table, "ngff", section: section) {
            if let version = NGFFVersion(rawValue: ngff) {
                options.ngffVersion = version
            } else {
                report("ngff", section: section, "ngff = \"\(ngff)\" is not a version PlateDrop writes; use \"0.4\" or \"0.5\"")
            }
        }
        if options.consolidatedMetadata, options.ngffVersion != .v04 {
            report("ngff", section: section, "profile = \"compat\" writes NGFF 0.4; remove ngff = \"\(options.ngffVersion.rawValue)\"")
        }
        options.compressor = readCompressor(table, section: section, base: section == "output" ? nil : base.compressor)
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

    /// The compressor `codec`, `level` and `shuffle` describe. In `[output]` (no `base`) an absent codec is
    /// blosc-zstd; in a `[[watch]]` without `codec`, a level alone changes only the level of `base`.
    private mutating func readCompressor(_ table: TOMLTable, section: String, base: ZarrCompressor?) -> ZarrCompressor {
        let level = integer(table, "level", section: section, in: -7...22)
        if let base, table["codec"] == nil {
            if table["shuffle"] != nil {
                report("shuffle", section: section, "shuffle in a [[watch]] needs its codec too, e.g. codec = \"blosc-zstd\"")
            }
            guard let level else { return base }
            if base.name == "blosc", !(0...9).contains(level) {
                report("level", section: section, "blosc levels run from 0 to 9, found \(level)")
            }
            return base.withLevel(level)
        }
        let codec = string(table, "codec", section: section) ?? "blosc-zstd"
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
            return .blosc(codec == "blosc-zstd" ? .zstd : .lz4, clevel: clevel, shuffle: shuffle ?? .bit)
        case "zstd":
            return .zstd(level: level ?? 3, checksum: false)
        case "none":
            return .none
        default:
            report("codec", section: section,
                   "codec = \"\(codec)\" is unknown; use \"blosc-zstd\", \"blosc-lz4\", \"zstd\" or \"none\"")
            return base ?? IngestOptions().compressor
        }
    }

    private mutating func readDaemon(_ table: TOMLTable) -> DaemonSettings {
        let section = "daemon"
        rejectUnknownKeys(table, allowed: ["catalog", "plate_timeout", "rescan_interval", "on_complete", "on_failure", "on_stall",
                                           "on_incomplete", "stall_after", "min_free", "end_marker"],
                          section: section)
        var settings = DaemonSettings()
        if let catalog = string(table, "catalog", section: section) { settings.catalog = catalog }
        if let timeout = duration(table, "plate_timeout", section: section) { settings.plateTimeout = timeout }
        if let interval = duration(table, "rescan_interval", section: section) { settings.rescanInterval = interval }
        if let stall = duration(table, "stall_after", section: section) { settings.stallAfter = stall }
        settings.onComplete = hook(table, "on_complete", appending: "with the plate path appended")
        settings.onFailure = hook(table, "on_failure")
        settings.onStall = hook(table, "on_stall")
        settings.onIncomplete = hook(table, "on_incomplete")
        if let value = table["min_free"] {
            if let bytes = value.int, bytes >= 0 {
                settings.minFree = .bytes(Int64(bytes))
            } else if let threshold = value.string.flatMap(FreeSpaceThreshold.parse) {
                settings.minFree = threshold
            } else {
                report("min_free", section: section, "min_free is a size such as \"2GiB\", \"500MB\" or a share of the "
                       + "file system such as \"5%\"")
            }
        }
        settings.endMarker = string(table, "end_marker", section: section)
        return settings
    }

    /// A hook of `[daemon]`: a list of words run without a shell; empty when not set.
    private mutating func hook(_ table: TOMLTable, _ key: String, appending extra: String? = nil) -> [String] {
        guard let command = table[key] else { return [] }
        if let words = command.array?.compactMap(\.string), words.count == command.array?.count, !words.isEmpty {
            return words
        }
        report(key, section: "daemon", "\(key) is a list of words, e.g. [\"/usr/local/bin/notify\", \"--plate\"]; it runs "
               + "without a shell\(extra.map { " " + $0 } ?? "") and reads a JSON summary on its standard input")
        return []
    }

    private mutating func readWeb(_ table: TOMLTable) -> WebSettings {
        rejectUnknownKeys(table, allowed: ["listen"], section: "web")
        guard let text = string(table, "listen", section: "web") else { return WebSettings() }
        switch ListenAddress.parse(text) {
        case let .success(address):
            return WebSettings(listen: address)
        case let .failure(problem):
            report("listen", section: "web", "\(problem)")
            return WebSettings()
        }
    }

    private mutating func readWatch(_ table: TOMLTable, index: Int, outputSection: IngestOptions) -> WatchSettings? {
        let section = "watch"
        entry = index
        defer { entry = 0 }
        rejectUnknownKeys(table, allowed: Self.watchOutputKeys.union(["id", "path", "layout", "output", "quiet_period", "poll",
                                                                       "poll_interval", "expect"]),
                          section: section)
        guard let path = string(table, "path", section: section), let output = string(table, "output", section: section)
        else {
            problems.append(ConfigProblem(line: lines.headerLine(of: section, entry: index),
                                          message: "[[watch]] entry \(index + 1) needs both path and output"))
            return nil
        }
        var settings = WatchSettings(id: string(table, "id", section: section) ?? path, path: path, output: output)
        if let layout = string(table, "layout", section: section) { settings.layout = layout }
        if let quiet = duration(table, "quiet_period", section: section) { settings.quietPeriod = quiet }
        if let interval = duration(table, "poll_interval", section: section) { settings.pollInterval = interval }
        if let poll = table["poll"] {
            if let value = poll.bool { settings.poll = value } else { report("poll", section: section, "poll must be true or false") }
        }
        if let expect = table["expect"] {
            settings.expectations = readExpectations(expect)
        }
        if !Self.watchOutputKeys.isDisjoint(with: table.keys) {
            settings.outputOptions = readOutput(table, section: section, onto: outputSection)
        }
        return settings
    }

    private mutating func readExpectations(_ value: any TOMLValueConvertible) -> WellExpectations? {
        guard let table = value.table else {
            report("expect", section: "watch", "expect is a table such as { fields = 9, channels = 4 }")
            return nil
        }
        for key in table.keys where !["fields", "channels", "z", "t"].contains(key) {
            report("expect", section: "watch", "unknown key \"\(key)\" in expect; known keys: channels, fields, t, z")
        }
        func count(_ key: String, default fallback: Int?) -> Int? {
            guard let entry = table[key] else { return fallback }
            guard let number = entry.int, number > 0 else {
                report("expect", section: "watch", "expect.\(key) must be a positive whole number")
                return nil
            }
            return number
        }
        guard let fields = count("fields", default: nil), let channels = count("channels", default: nil),
              let zPlanes = count("z", default: 1), let timepoints = count("t", default: 1) else {
            if table["fields"] == nil || table["channels"] == nil {
                report("expect", section: "watch", "expect needs at least fields and channels")
            }
            return nil
        }
        return WellExpectations(fields: fields, channels: channels, zPlanes: zPlanes, timepoints: timepoints)
    }

    private mutating func duration(_ table: TOMLTable, _ key: String, section: String) -> Duration? {
        guard let value = table[key] else { return nil }
        if let seconds = value.int, seconds >= 0 { return .seconds(seconds) }
        if let text = value.string, let parsed = DurationText.parse(text) { return parsed }
        report(key, section: section, "\(key) must be a duration such as \"30s\", \"5m\" or \"2h\"")
        return nil
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
