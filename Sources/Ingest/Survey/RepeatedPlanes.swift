import Synchronization
import Layouts
import TIFF

/// Files that repeat another file's plane. A MetaXpress export writes a channel that has one plane (a
/// single plane, or only a projection) into every `ZStep_N` folder of the run, byte for byte; those
/// copies are not planes of a stack. Two files are copies when their instrument headers are identical:
/// a header records the plane's own focus position and acquisition time, so two planes the instrument
/// really took never share one.
enum RepeatedPlanes {
    /// Copies among `images` (one plate, one frame shape), by relative path, with the file each repeats
    /// (the one at the lowest z). Only layouts whose instruments describe planes in their headers can
    /// tell, so for others the answer is empty. Every well is checked, so the answer never depends on
    /// which wells are written together; a real stack costs two header reads, once per file version.
    static func find(in images: [SourceImage], layout: (any InstrumentLayout)?) -> [String: String] {
        guard let layout, layout.describesPlanesInImageHeader else { return [:] }
        let stacks = Dictionary(grouping: images) { image in
            [image.key.well.row, image.key.well.column, image.key.acquisition, image.key.field, image.key.t, image.key.channel]
        }
        var copies: [String: String] = [:]
        for stack in stacks.values where stack.count > 1 {
            let ordered = stack.sorted { ($0.key.z ?? 0, $0.relativePath) < ($1.key.z ?? 0, $1.relativePath) }
            let original = ordered[0]
            guard let header = headers.description(of: original) else { continue }
            for (index, other) in ordered.enumerated().dropFirst() {
                let repeats = headers.description(of: other) == header
                // Two different headers at different z: a real stack, whose other planes need no reading.
                if !repeats, index == 1, other.key.z != original.key.z { break }
                if repeats { copies[other.relativePath] = original.relativePath }
            }
        }
        return copies
    }

    /// The daemon surveys a plate again for every write; headers of files it has seen are not read again.
    private static let headers = HeaderCache()

    /// Image descriptions by path, kept while the file's fingerprint is unchanged.
    private final class HeaderCache: Sendable {
        /// Entries kept at most; a long-running daemon sees millions of files, a plate a few hundred thousand.
        private static let capacity = 500_000
        private let entries = Mutex<[String: (fingerprint: SourceFingerprint, description: String?)]>([:])

        func description(of image: SourceImage) -> String? {
            if let fingerprint = image.fingerprint,
               let cached = entries.withLock({ $0[image.absolutePath] }), cached.fingerprint == fingerprint {
                return cached.description
            }
            let description = Self.read(image.absolutePath)
            if let fingerprint = image.fingerprint {
                entries.withLock { entries in
                    if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
                    entries[image.absolutePath] = (fingerprint, description)
                }
            }
            return description
        }

        private static func read(_ path: String) -> String? {
            do {
                let file = try TIFFFile(path: path)
                return try file.imageDescription(page: 0)
            } catch {
                return nil
            }
        }
    }
}
