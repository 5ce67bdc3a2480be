import Testing
import TIFF
import Zarr

/// Pixel checks of a written plate against the source TIFFs and against the pyramid rule.
enum PlateContents {
    /// Every given image (all of one field) appears bit for bit in that field's level 0, at its t/c/z position.
    static func expectLevelZeroMatchesSources(
        _ plate: WrittenPlate, well: PlateWell, field: Int, images: [ExportedImage], exportRoot: String
    ) throws {
        let array = try plate.array(well: well.path, field: String(field), level: "0")
        let shape = array.metadata.shape
        let written = try array.readAll()
        let hasTime = shape.count == 5
        let (channels, zPlanes) = (shape[shape.count - 4], shape[shape.count - 3])
        for image in images {
            let location = "\(well.path)/\(field)/0 t\(image.t) c\(image.channel) z\(image.z) from \(image.relativePath)"
            let file = try TIFFFile(path: exportRoot + "/" + image.relativePath)
            let info = try file.pageInfo(0)
            #expect(array.metadata.dataType.rawValue == info.sampleType.rawValue, "dtype of \(location)")
            #expect(Array(shape.suffix(2)) == [info.height, info.width], "plane size of \(location)")
            let source = try file.readPage(0)
            let planeIndex = ((hasTime ? image.t : 0) * channels + image.channel) * zPlanes + image.z
            let start = planeIndex * source.count
            try #require(start + source.count <= written.count, "\(location) lies outside the array of shape \(shape)")
            let mismatch = firstMismatch(Array(written[start..<(start + source.count)]), source)
            #expect(mismatch == nil, "\(location): first differing byte at \(mismatch ?? -1)")
        }
    }

    /// Each level after the first has half the size (rounded up) and holds the 2×2 mean of the level before.
    static func expectPyramid(_ plate: WrittenPlate, well: PlateWell, field: Int, levels: [String]) throws {
        var finer = try plate.array(well: well.path, field: String(field), level: levels[0])
        for level in levels.dropFirst() {
            let coarser = try plate.array(well: well.path, field: String(field), level: level)
            let location = "\(well.path)/\(field)/\(level)"
            let (fine, coarse) = (finer.metadata.shape, coarser.metadata.shape)
            let (height, width) = (fine[fine.count - 2], fine[fine.count - 1])
            try #require(coarse == Array(fine.dropLast(2)) + [(height + 1) / 2, (width + 1) / 2],
                         "\(location) has shape \(coarse), level above has \(fine)")
            #expect(coarser.metadata.dataType == finer.metadata.dataType, "dtype of \(location)")
            let sampleType = try #require(TIFFSampleType(rawValue: finer.metadata.dataType.rawValue))
            let fineValues = PixelValues.decode(try finer.readAll(), as: sampleType)
            let coarseValues = PixelValues.decode(try coarser.readAll(), as: sampleType)
            let (finePlane, coarsePlane) = (height * width, coarse[coarse.count - 2] * coarse[coarse.count - 1])
            for plane in 0..<(fineValues.count / finePlane) {
                let expected = ReferencePyramid.halve(
                    Array(fineValues[(plane * finePlane)..<((plane + 1) * finePlane)]), height: height, width: width,
                    roundsToInteger: sampleType != .float32)
                let found = Array(coarseValues[(plane * coarsePlane)..<((plane + 1) * coarsePlane)])
                let wrong = (0..<coarsePlane).filter { !agree(found[$0], expected[$0], exactly: sampleType != .float32) }
                let example = wrong.first.map { "first at index \($0): found \(found[$0]), expected \(expected[$0])" } ?? ""
                #expect(wrong.count == 0, "\(location) plane \(plane): pixels that are not the 2×2 mean; \(example)")
            }
            finer = coarser
        }
    }

    /// Float means may differ in the last bits with the order of summation.
    private static func agree(_ found: Double, _ expected: Double, exactly: Bool) -> Bool {
        exactly ? found == expected : abs(found - expected) <= 1e-5 * max(1, abs(expected))
    }

    private static func firstMismatch(_ lhs: [UInt8], _ rhs: [UInt8]) -> Int? {
        guard lhs.count == rhs.count else { return min(lhs.count, rhs.count) }
        return zip(lhs, rhs).enumerated().first { $0.element.0 != $0.element.1 }?.offset
    }
}
