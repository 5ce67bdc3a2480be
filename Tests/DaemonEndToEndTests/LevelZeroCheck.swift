import Foundation
import SampleExports
import Testing
import TIFF

/// Level 0 of a written field against the TIFFs it came from, plane by plane, bit for bit.
enum LevelZeroCheck {
    /// Every image of `images` (any wells) appears in level 0 of its field at its c/z position, as the TIFF now
    /// in `folder` holds it.
    static func expectMatches(_ store: StoreOnDisk, images: [GeneratedImage], folder: String) throws {
        let byField = Dictionary(grouping: images) { "\(SourceExport.wellPath(of: SourceExport.wellName(of: $0)))/\($0.field)" }
        for (fieldPath, fieldImages) in byField.sorted(by: { $0.key < $1.key }) {
            let array = try store.array(fieldPath + "/0")
            let shape = array.metadata.shape
            try #require(shape.count == 4, "\(fieldPath)/0 has shape \(shape), expected c, z, y, x")
            let written = try array.readAll()
            for image in fieldImages {
                let location = "\(fieldPath)/0 c\(image.channel) z\(image.z) from \(image.relativePath)"
                let source = try TIFFFile(path: folder + "/" + image.relativePath).readPage(0)
                let start = (image.channel * shape[1] + image.z) * source.count
                try #require(start + source.count <= written.count, "\(location) lies outside the array of shape \(shape)")
                let plane = written[start..<(start + source.count)]
                let mismatch = zip(plane, source).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                #expect(mismatch == nil, "\(location): first differing byte at \(mismatch ?? -1)")
            }
        }
    }
}
