import ArgumentParser
import Config
import Foundation
import Ingest
import Layouts

/// `platedrop ingest`: convert an export folder into one OME-Zarr plate per plate found.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Write every plate of an instrument export as <out>/<plate>.ome.zarr.",
        discussion: "Exit status 0 when every file was used and every well written, 1 when some input was rejected "
            + "(everything usable is still written), 2 when it could not run (usage, configuration, missing export "
            + "folder, existing store without --overwrite).")

    @Argument(help: "The instrument's export folder (never modified).")
    var export: String

    @Option(help: "Folder that receives <plate>.ome.zarr.")
    var out: String

    @Option(help: "Instrument layout: auto, \(LayoutCatalog.builtInNames.joined(separator: ", ")) or a [[layout]] name from the config.")
    var layout = "auto"

    @Option(help: "Config file (TOML); see etc/platedrop.toml.")
    var config: String?

    @OptionGroup var output: OutputOptions

    @Flag(help: "Replace plate stores that already exist.")
    var overwrite = false

    func run() throws {
        let settings = try config.map { path throws(ConfigError) in try PlateDropConfig.load(path: path) } ?? PlateDropConfig()
        var options = try output.apply(to: settings.output)
        options.overwrite = overwrite
        let exportRoot = URL(fileURLWithPath: export).standardizedFileURL.path
        let instrumentLayout = try settings.layout(named: layout, exportRoot: exportRoot)
        let display = ProgressDisplay()
        let report = try BatchIngest.run(exportRoot: exportRoot, outputRoot: out, layout: instrumentLayout,
                                         options: options, progress: display.update)
        display.finish()
        print(IngestSummary(report: report, layoutName: instrumentLayout.name).text)
        if !report.isClean { throw ExitCode(1) }
    }
}
