import ArgumentParser
import Catalog
import Zarr

/// `platedrop files`: catalogued files, e.g. `--state rejected` to see every unusable file and why.
struct FilesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "files", abstract: "List catalogued files with their state and reason.")

    @Option(help: "Only files in this state: \(FileState.allCases.map(\.rawValue).joined(separator: ", ")).")
    var state: FileState?

    @Option(help: "At most this many files (newest first).")
    var limit = 1000

    @OptionGroup var options: CatalogOptions

    func run() throws {
        let (wanted, count) = (state, limit)
        let files = try options.openReader().read { transaction in try transaction.recentFiles(in: wanted, limit: count) }
        if options.json {
            print(JSONValue.array(files.map { file in
                ["root": .string(file.root), "path": .string(file.relativePath), "state": .string(file.state.rawValue),
                 "role": .string(file.role.rawValue), "size": JSONValue(file.size),
                 "reason": file.reason.map(JSONValue.string) ?? .null]
            }).prettySerialized())
            return
        }
        for file in files {
            print("\(file.root):\(file.relativePath)  \(file.state.rawValue)" + (file.reason.map { "  \($0)" } ?? ""))
        }
    }
}
