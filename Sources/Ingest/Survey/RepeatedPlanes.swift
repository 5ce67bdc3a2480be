import Layouts

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
            guard let header = ImageDescriptions.shared.description(of: original) else { continue }
            for (index, other) in ordered.enumerated().dropFirst() {
                let repeats = ImageDescriptions.shared.description(of: other) == header
                // Two different headers at different z: a real stack, whose other planes need no reading.
                if !repeats, index == 1, other.key.z != original.key.z { break }
                if repeats { copies[other.relativePath] = original.relativePath }
            }
        }
        return copies
    }
}
