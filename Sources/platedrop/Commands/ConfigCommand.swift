import ArgumentParser
import Config
import Foundation

/// `platedrop config`: work with config files.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Work with PlateDrop config files.", subcommands: [Check.self])

    /// `platedrop config check`: parse a config and explain every problem.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a config file; every problem is listed with its line. Exit 0 when usable.")

        @Argument(help: "The config file.")
        var path: String = ProcessInfo.processInfo.environment["PLATEDROP_CONFIG"] ?? "/etc/platedrop/platedrop.toml"

        func run() throws {
            do {
                let config = try PlateDropConfig.load(path: path)
                print("\(path): OK (\(config.customLayouts.count) custom layout(s))")
            } catch {
                Terminal.writeError("\(error)\n")
                throw ExitCode(1)
            }
        }
    }
}
