import Foundation
import FileLocks

/// One writer per plate store at a time. `platedrop ingest` into a daemon's output folder, or two daemons
/// with their own catalogues sharing one, would otherwise clear each other's staging area and swap wells
/// under each other. The lock is `.<plate>.ome.zarr.lock` beside the store, held for one write (a plate of
/// a batch ingest, one write of the daemon's) and removed with it.
public enum PlateWriteLock {
    /// Runs `body` holding the lock of the store at `plateRoot`; throws `plateBusy` naming the holder when
    /// another process writes that store.
    public static func holding<T>(_ plateRoot: String, _ body: () throws(IngestError) -> T) throws(IngestError) -> T {
        let url = URL(fileURLWithPath: plateRoot)
        let folder = url.deletingLastPathComponent().path
        let path = folder + "/." + url.lastPathComponent + ".lock"
        // The store's folder may not exist before its first write; if it cannot be made, opening the lock says why.
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let lock: ExclusiveFileLock
        do throws(ExclusiveFileLock.Failure) {
            lock = try ExclusiveFileLock(path: path, removesFileOnRelease: true)
        } catch {
            switch error {
            case let .held(holder): throw .plateBusy(path: plateRoot, holder: holder)
            case let .cannotOpen(detail): throw .outputUnwritable(path: plateRoot, detail: "cannot open the lock file \(path): \(detail)")
            }
        }
        return try withExtendedLifetime(lock) { () throws(IngestError) -> T in try body() }
    }
}
