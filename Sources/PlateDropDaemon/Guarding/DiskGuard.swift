import Catalog
import Config
import Foundation

/// Keeps the daemon from filling a disk (`min_free`, docs/operations.md §7): each root's output file system and
/// the catalogue's are measured every loop pass; below the threshold no new well write starts for the roots
/// on that file system (for every root when it holds the catalogue) until it has room again. Intake and
/// cataloguing go on, and a write in progress finishes (or fails whole, unpublished).
struct DiskGuard {
    /// A folder whose file system is guarded, and the roots a low reading there pauses.
    private struct Guarded {
        let path: String
        let roots: [String]
        let holdsCatalogue: Bool
    }

    /// What changed since the last check.
    struct Changes {
        var paused: [WritePause] = []
        /// Folders that have room again, with their free bytes.
        var resumed: [(path: String, freeBytes: Int64)] = []
    }

    private let minFree: FreeSpaceThreshold?
    /// Root ids with their output folders, in configuration order.
    private let outputs: [(root: String, path: String)]
    private let catalogFolder: String
    /// The file systems below `min_free` now, with their latest reading.
    private(set) var pauses: [WritePause] = []

    init(minFree: FreeSpaceThreshold?, outputs: [(root: String, path: String)], catalogPath: String) {
        self.minFree = minFree
        self.outputs = outputs
        catalogFolder = (URL(fileURLWithPath: catalogPath).standardizedFileURL.path as NSString).deletingLastPathComponent
    }

    /// The roots whose well writes wait.
    var pausedRoots: Set<String> { Set(pauses.flatMap(\.roots)) }

    /// Measures every guarded file system; returns the pauses that began and the folders that have room again.
    mutating func check(now: Double) -> Changes {
        guard let minFree else { return Changes() }
        var changes = Changes()
        var stillPaused: [WritePause] = []
        var freeBytes: [String: Int64] = [:]
        for (guarded, space) in guardedFileSystems() {
            freeBytes[guarded.path] = space.freeBytes
            let threshold = minFree.bytes(ofFileSystemSize: space.sizeBytes)
            guard space.freeBytes < threshold else { continue }
            let earlier = pauses.first { $0.path == guarded.path }
            var pause = earlier ?? WritePause(path: guarded.path, freeBytes: space.freeBytes, minFreeBytes: threshold,
                                              roots: guarded.roots, holdsCatalogue: guarded.holdsCatalogue, since: now)
            pause.freeBytes = space.freeBytes
            stillPaused.append(pause)
            if earlier == nil { changes.paused.append(pause) }
        }
        // Resumed: every earlier pause not found again, including one whose folder now lies on another file system.
        changes.resumed = pauses.filter { earlier in !stillPaused.contains { $0.path == earlier.path } }
            .map { ($0.path, freeBytes[$0.path] ?? FileSystemSpace(at: $0.path)?.freeBytes ?? 0) }
        pauses = stillPaused
        return changes
    }

    /// One entry per file system, measured: the first folder on it (an output folder, else the catalogue's), with
    /// the roots writing there, or every root when the catalogue is there too.
    private func guardedFileSystems() -> [(Guarded, FileSystemSpace)] {
        var found: [(path: String, space: FileSystemSpace, roots: [String], holdsCatalogue: Bool)] = []
        let candidates = outputs.map { (path: $0.path, root: Optional($0.root)) } + [(path: catalogFolder, root: nil)]
        for candidate in candidates {
            guard let space = FileSystemSpace(at: candidate.path) else { continue }
            let index = found.firstIndex { $0.space.device == space.device } ?? {
                found.append((candidate.path, space, [], false))
                return found.count - 1
            }()
            if let root = candidate.root { found[index].roots.append(root) } else { found[index].holdsCatalogue = true }
        }
        let everyRoot = outputs.map(\.root)
        return found.map { entry in
            (Guarded(path: entry.path, roots: entry.holdsCatalogue ? everyRoot : entry.roots, holdsCatalogue: entry.holdsCatalogue),
             entry.space)
        }
    }
}
