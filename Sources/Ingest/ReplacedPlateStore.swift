import Foundation
import Synchronization

/// A plate store that `--overwrite` replaces. One rename moves it aside, so the new store starts from a
/// free path at once, and a thread of its own removes it while the new plate is written: removing a store
/// of hundreds of shard files takes a few hundred milliseconds, mostly waiting on the disk (longer where the
/// file system discards freed blocks), which would otherwise delay the first shard. A run stopped before
/// the removal ends leaves the store aside under a hidden name; the next run that prepares the same plate
/// removes it.
final class ReplacedPlateStore: Sendable {
    private let removal = DispatchGroup()
    /// The first folder that could not be removed, and why.
    private let failure = Mutex<(path: String, detail: String)?>(nil)

    /// Moves the store at `plateRoot` aside (when there is one) and starts removing it together with what
    /// stopped runs left aside for this plate.
    init(plateRoot: String) throws(IngestError) {
        let url = URL(fileURLWithPath: plateRoot)
        let folder = url.deletingLastPathComponent().path
        let prefix = "." + url.lastPathComponent + ".replaced-"
        let manager = FileManager.default
        var doomed = ((try? manager.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasPrefix(prefix) }.map { folder + "/" + $0 }
        if manager.fileExists(atPath: plateRoot) {
            let aside = folder + "/" + prefix + UUID().uuidString
            do {
                try manager.moveItem(atPath: plateRoot, toPath: aside)
            } catch {
                throw .outputUnwritable(path: plateRoot, detail: error.localizedDescription)
            }
            doomed.append(aside)
        }
        guard !doomed.isEmpty else { return }
        removal.enter()
        Thread { [self, doomed] in
            for path in doomed {
                do {
                    try FileManager.default.removeItem(atPath: path)
                } catch {
                    failure.withLock { $0 = $0 ?? (path, "cannot remove the replaced plate store: \(error.localizedDescription)") }
                }
            }
            removal.leave()
        }.start()
    }

    /// Returns once the replaced store is gone; throws when some of it could not be removed.
    func waitUntilRemoved() throws(IngestError) {
        removal.wait()
        if let failed = failure.withLock({ $0 }) { throw .outputUnwritable(path: failed.path, detail: failed.detail) }
    }
}
