import FileIdentity
import TIFF

/// The reader stage: a shard task's planes decoded from their TIFFs into one buffer, channel after channel,
/// each sampled for the display window. The only place pixels are decoded.
struct PlaneReader: Sendable {
    /// How one plane of a shard task went.
    enum Outcome {
        case read(IntensitySample)
        case rejected(String)
    }

    let sampleType: TIFFSampleType
    /// Bytes of one level-0 plane.
    let planeBytes: Int

    /// Reads the task's planes into consecutive slices of `buffer`; a missing or rejected plane's slice is
    /// zeroed, the fill value. A file that changed since it was found stable is not bad input: it fails
    /// the well (`writeError`), which waits for the file to settle.
    func read(_ task: ShardTask, into buffer: UnsafeMutableRawBufferPointer) -> (outcomes: [Outcome?], writeError: String?) {
        var outcomes = [Outcome?](repeating: nil, count: task.planes.count)
        for (slot, plane) in task.planes.enumerated() {
            let slice = UnsafeMutableRawBufferPointer(rebasing: buffer[(slot * planeBytes)..<((slot + 1) * planeBytes)])
            guard let plane else {
                slice.initializeMemory(as: UInt8.self, repeating: 0)
                continue
            }
            do {
                let file = try TIFFFile(path: plane.absolutePath)
                try file.readPage(plane.page, into: slice)
                outcomes[slot] = .read(IntensitySample.of(UnsafeRawBufferPointer(slice), sampleType: sampleType))
            } catch {
                outcomes[slot] = .rejected("unreadable TIFF: \(error)")
                slice.initializeMemory(as: UInt8.self, repeating: 0)
            }
            if let expected = plane.fingerprint {
                let current = FileFingerprint.current(path: plane.absolutePath)
                if current != expected {
                    outcomes[slot] = nil
                    return (outcomes, current == nil
                        ? "\(plane.relativePath) vanished while the well was being written"
                        : "\(plane.relativePath) changed while it was being read (still being written or replaced); "
                            + "the well is written again once the file is stable")
                }
            }
        }
        return (outcomes, nil)
    }
}
