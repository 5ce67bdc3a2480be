import ArgumentParser
import Foundation

/// The `platedrop` command line.
@main
struct PlateDropCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "platedrop",
        abstract: "Turn high-content-screening TIFF exports into validated OME-Zarr HCS plates.",
        discussion: "Exit status 2 means the command could not run as asked (usage, configuration, missing folders).",
        subcommands: [IngestCommand.self, ValidateCommand.self, ServeCommand.self, StatusCommand.self, PlatesCommand.self,
                      PlateCommand.self, WellsCommand.self, FilesCommand.self, RetryCommand.self, WaitCommand.self,
                      SampleExportCommand.self, DemoCommand.self, BenchCommand.self, ConfigCommand.self])

    /// Runs the chosen command. Usage and configuration errors exit 2 (not ArgumentParser's 64), so every
    /// command keeps 1 for "ran, but found problems" (rejected input, invalid plate).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Self.exit(withError: exit)
        } catch {
            if exitCode(for: error) == .success {
                Self.exit(withError: error)
            }
            Terminal.writeError(fullMessage(for: error) + "\n")
            Foundation.exit(2)
        }
    }
}
