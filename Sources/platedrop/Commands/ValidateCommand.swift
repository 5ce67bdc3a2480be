import ArgumentParser
import NGFF

/// `platedrop validate`: check an HCS plate written by anyone.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check an OME-Zarr HCS plate (0.4 or 0.5) against the spec and the pitfalls readers trip on.",
        discussion: "Exit status 0 when the plate is valid (warnings allowed), 1 when it has errors.")

    @Argument(help: "The plate store (the folder holding the plate's zarr.json or .zattrs).")
    var path: String

    @Flag(help: "Print the report as JSON: {plate, valid, version, wells, fields, issues: [{severity, code, path, message}]}.")
    var json = false

    func run() throws {
        let report = HCSValidator().validate(plateAt: path)
        print(json ? report.json.prettySerialized() : report.text)
        if !report.isValid { throw ExitCode(1) }
    }
}
