/// An instrument's naming convention: which files are images (and which plane each is) and which are plans.
public protocol InstrumentLayout: Sendable {
    /// Short name used by `--layout`, e.g. "imagexpress".
    var name: String { get }
    /// The role of the file at `relativePath` (relative to the export root, `/`-separated).
    func classify(relativePath: String) -> FileRole
    /// Reads the plan file at `path`, one that `classify` reported as `.plan`.
    func readPlan(at path: String) throws(LayoutError) -> PlatePlan
}
