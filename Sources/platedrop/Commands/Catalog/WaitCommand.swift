import ArgumentParser
import Catalog
import Foundation

/// `platedrop wait PLATE`: block until the plate is finalized (exit 0), or fail on timeout or failure.
struct WaitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wait",
        abstract: "Wait until a plate is finalized.",
        discussion: "Exit 0 when finalized, 1 when a well failed for good, 2 on timeout.")

    @Argument(help: "Plate name.")
    var plate: String

    @Option(help: "Give up after this many seconds.")
    var timeout: Double = 3600

    @OptionGroup var options: CatalogOptions

    func run() throws {
        let deadline = Date().addingTimeInterval(timeout)
        let name = plate
        while true {
            let state = try? options.openReader().read { transaction -> (PlateState, Int)? in
                guard let plate = try transaction.plate(named: name) else { return nil }
                return (plate.state, try transaction.wells(plate: plate.id!).filter(\.failedForGood).count)
            }
            if let (plateState, hopeless) = state ?? nil {
                if plateState == .finalized {
                    print("\(plate): finalized")
                    return
                }
                if hopeless > 0 {
                    Terminal.writeError("\(plate): \(hopeless) well(s) failed for good; see platedrop plate \(plate)\n")
                    throw ExitCode(1)
                }
            }
            guard Date() < deadline else {
                Terminal.writeError("\(plate): not finalized after \(Int(timeout)) s\n")
                throw ExitCode(2)
            }
            Thread.sleep(forTimeInterval: 0.5)
        }
    }
}
