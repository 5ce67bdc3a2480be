import Config
import Ingest
import NGFF
import Testing
import Zarr

@Suite("output settings per [[watch]] folder, and the compat profile")
struct WatchOutputProfileTests {
    static func watch(_ id: String, _ keys: [String] = []) -> [String] {
        ["[[watch]]", "id = \"\(id)\"", "path = \"/in/\(id)\"", "output = \"/out/\(id)\""] + keys
    }

    @Test func eachFolderStartsFromOutputAndChangesOnlyWhatItSets() throws {
        let config = try ConfigText.parse(["[output]", "codec = \"zstd\"", "level = 5", "chunk = 512"]
            + Self.watch("plain")
            + Self.watch("omero", ["profile = \"compat\""])
            + Self.watch("stronger", ["level = 9"])
            + Self.watch("fast", ["codec = \"blosc-lz4\"", "shard = \"none\"", "pyramid_levels = 2"]))
        let byID = Dictionary(uniqueKeysWithValues: config.watches.map { ($0.id, $0.outputOptions) })
        #expect(byID["plain"]! == nil)
        let omero = try #require(byID["omero"]!)
        #expect(omero.ngffVersion == .v04 && omero.consolidatedMetadata)
        #expect(omero.compressor == .zstd(level: 5, checksum: false) && omero.chunkSize == 512)
        let stronger = try #require(byID["stronger"]!)
        #expect(stronger.compressor == .zstd(level: 9, checksum: false) && stronger.ngffVersion == .v05 && !stronger.consolidatedMetadata)
        let fast = try #require(byID["fast"]!)
        #expect(fast.compressor == .blosc(.lz4, clevel: 5, shuffle: .bit))
        #expect(fast.sharding == .none && fast.pyramidMaximumLevels == 2 && fast.chunkSize == 512)
        #expect(config.output.compressor == .zstd(level: 5, checksum: false) && !config.output.consolidatedMetadata)
    }

    @Test func theProfileAlsoServesOutputAndTheCommandLine() throws {
        let config = try ConfigText.parse(["[output]", "profile = \"compat\""])
        #expect(config.output.ngffVersion == .v04 && config.output.consolidatedMetadata)
        let flagged = try OutputOverrides(profile: "compat").applied(to: IngestOptions())
        #expect(flagged.ngffVersion == .v04 && flagged.consolidatedMetadata)
    }

    @Test("mistakes name the key and what is allowed", arguments: [
        (["profile = \"omero\""], "profile"),
        (["profile = \"compat\"", "ngff = \"0.5\""], "ngff"),
        (["shuffle = \"byte\""], "shuffle"),
        (["workers = 2"], "workers"),
        (["level = 12"], "level"),
    ])
    func mistakes(keys: [String], key: String) throws {
        let problem = try ConfigText.problem(["[output]", "level = 3"] + Self.watch("bad", keys))
        #expect(problem.message.contains(key), "\(problem.message)")
    }
}
