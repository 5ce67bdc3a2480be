import ArgumentParser

/// The `platedrop` command line.
@main
struct PlateDropCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "platedrop",
        abstract: "Turn high-content-screening TIFF exports into validated OME-Zarr HCS plates.",
        subcommands: [IngestCommand.self, ValidateCommand.self, ServeCommand.self, StatusCommand.self, PlatesCommand.self,
                      PlateCommand.self, WellsCommand.self, FilesCommand.self, RetryCommand.self, WaitCommand.self,
                      SampleExportCommand.self, DemoCommand.self, BenchCommand.self, ConfigCommand.self])
}
