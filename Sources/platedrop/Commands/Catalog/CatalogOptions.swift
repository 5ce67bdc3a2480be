import ArgumentParser
import Catalog
import Config
import Foundation

/// How the read-only commands find the catalogue: `--catalog`, else the config's `[daemon] catalog`
/// (`--config`, `$PLATEDROP_CONFIG`, or /etc/platedrop/platedrop.toml when present), else the default.
struct CatalogOptions: ParsableArguments {
    @Option(help: "The catalogue file (default: from the config, else /var/lib/platedrop/catalog.sqlite).")
    var catalog: String?

    @Option(help: "Config file to read the catalogue path from.")
    var config: String?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    static let systemConfig = "/etc/platedrop/platedrop.toml"

    var catalogPath: String {
        get throws {
            if let catalog { return catalog }
            let configPath = config ?? ProcessInfo.processInfo.environment["PLATEDROP_CONFIG"]
                ?? (FileManager.default.fileExists(atPath: Self.systemConfig) ? Self.systemConfig : nil)
            guard let configPath else { return DaemonSettings().catalog }
            return try PlateDropConfig.load(path: configPath).daemon.catalog
        }
    }

    func openReader() throws -> CatalogReader {
        try CatalogReader(path: catalogPath)
    }
}
