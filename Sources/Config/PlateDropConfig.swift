import Foundation
import Ingest
import NGFF
import TOMLKit
import Zarr

/// The settings in `platedrop.toml` (documented in etc/platedrop.toml); every option has a default.
public struct PlateDropConfig: Sendable {
    /// How plates are written (`[output]`).
    public var output: IngestOptions
    /// Instrument layouts defined by regex (`[[layout]]`).
    public var customLayouts: [CustomLayoutConfig]
    /// The daemon's own settings (`[daemon]`).
    public var daemon: DaemonSettings
    /// The folders the daemon watches (`[[watch]]`).
    public var watches: [WatchSettings]
    /// The web view (`[web]`).
    public var web: WebSettings

    public init(output: IngestOptions = IngestOptions(), customLayouts: [CustomLayoutConfig] = [],
                daemon: DaemonSettings = DaemonSettings(), watches: [WatchSettings] = [], web: WebSettings = WebSettings()) {
        self.output = output
        self.customLayouts = customLayouts
        self.daemon = daemon
        self.watches = watches
        self.web = web
    }

    /// Reads and checks the config at `path`, reporting every problem at once.
    public static func load(path: String) throws(ConfigError) -> PlateDropConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(path: path, problems: [ConfigProblem(line: nil, message: "cannot read the file")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(path: path, problems: [ConfigProblem(line: nil, message: "the file is not UTF-8 text")])
        }
        return try parse(text, path: path)
    }

    /// Parses config text; `path` only labels the messages.
    public static func parse(_ text: String, path: String) throws(ConfigError) -> PlateDropConfig {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(path: path, problems: [ConfigProblem(line: error.source.begin.line, message: error.description)])
        } catch {
            throw ConfigError(path: path, problems: [ConfigProblem(line: nil, message: "\(error)")])
        }
        var reader = ConfigReader(text: text)
        let config = reader.read(table)
        guard reader.problems.isEmpty else { throw ConfigError(path: path, problems: reader.problems) }
        return config
    }
}
