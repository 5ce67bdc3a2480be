import Foundation

/// The plates of earlier benchmark runs, moved out of the next run's way untimed and deleted only once the
/// benchmark is done. On ext4 without a journal, allocating an inode passes over every inode freed in the
/// last minute or more, a buffer lookup each (Linux fs/ext4/ialloc.c, `recently_deleted`), so deleting the
/// previous plate right before a timed run would time the file system's bookkeeping instead of the ingest.
struct SetAsideOutputs {
    /// Where set-aside plates wait, beside the outputs (same file system, so moving is one rename).
    let folder: String

    /// Moves `path` into the set-aside folder when it exists, then flushes the page cache so the run timed
    /// next does not pay for writing back the last one's output.
    func setAside(_ path: String) throws {
        if FileManager.default.fileExists(atPath: path) {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try FileManager.default.moveItem(atPath: path, toPath: folder + "/" + UUID().uuidString)
        }
        sync()
    }

    /// Deletes everything set aside, this benchmark's runs and what an interrupted one left.
    func removeAll() {
        try? FileManager.default.removeItem(atPath: folder)
    }
}
