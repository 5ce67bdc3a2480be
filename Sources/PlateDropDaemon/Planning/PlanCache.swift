import Catalog
import FileIdentity
import Ingest
import Layouts

/// Vendor plans read from their files, kept until the file's fingerprint changes.
final class PlanCache {
    private var plans: [String: (fingerprint: FileFingerprint, plan: PlatePlan?)] = [:]
    /// Why a plan file could not be read, by its path relative to its root.
    private(set) var failures: [String: String] = [:]
    /// Plans of one plate that disagree on the plate format, reported once each.
    private var reportedConflicts: Set<String> = []

    /// The plan of the plate `plate`: the plan files of `root` whose scope covers one of `imagePaths`
    /// (absolute), combined as batch ingest combines them.
    func plan(for files: [FileRecord], root: DaemonConfiguration.Root, plate: String, imagePaths: [String]) -> PlatePlan? {
        PlatePlan.governing(plate: plate, imagePaths: imagePaths, from: plans(files, root: root))
    }

    /// The plans `files` hold, those that can be read.
    func plans(_ files: [FileRecord], root: DaemonConfiguration.Root) -> [PlatePlan] {
        files.compactMap { read($0, root: root) }
    }

    /// A description of plans covering the same images that disagree on the plate format, the first time
    /// that combination is seen; nil otherwise. The first plan by path wins.
    func newConflict(for files: [FileRecord], root: DaemonConfiguration.Root, imagePaths: [String]) -> String? {
        let formats = files.compactMap { file -> (String, String)? in
            guard let plan = read(file, root: root), let format = plan.format else { return nil }
            return imagePaths.contains(where: plan.covers) ? (file.relativePath, "\(format.rows)×\(format.columns)") : nil
        }
        guard Set(formats.map(\.1)).count > 1 else { return nil }
        let description = formats.map { "\($0.0) says \($0.1)" }.joined(separator: ", ")
        guard reportedConflicts.insert(description).inserted else { return nil }
        return "plan files disagree on the plate format (\(description)); using \(formats[0].0)"
    }

    private func read(_ file: FileRecord, root: DaemonConfiguration.Root) -> PlatePlan? {
        let path = file.absolutePath(under: root.settings.path)
        let fingerprint = file.fingerprint
        if let cached = plans[path], cached.fingerprint == fingerprint { return cached.plan }
        do {
            let plan = try root.layout.readPlan(at: path)
            plans[path] = (fingerprint, plan)
            failures[file.relativePath] = nil
            return plan
        } catch {
            plans[path] = (fingerprint, nil)
            failures[file.relativePath] = "unreadable plan: \(error)"
            return nil
        }
    }
}
