import Foundation
import PlateDropTestSupport
import Testing
import TIFF

@Suite("planes full of the smallest and largest values of their type")
struct ExtremeValuesTests {
    static let width = 301, height = 259

    /// The range ends of each sample type; float32 uses ±greatestFiniteMagnitude, whose sums overflow a Float.
    static func extremes(of sampleType: TIFFSampleType) -> (lowest: Double, highest: Double) {
        switch sampleType {
        case .uint8: (0, Double(UInt8.max))
        case .int8: (Double(Int8.min), Double(Int8.max))
        case .uint16: (0, Double(UInt16.max))
        case .int16: (Double(Int16.min), Double(Int16.max))
        case .uint32: (0, Double(UInt32.max))
        case .int32: (Double(Int32.min), Double(Int32.max))
        case .float32: (-Double(Float.greatestFiniteMagnitude), Double(Float.greatestFiniteMagnitude))
        }
    }

    /// Blocks of all-highest, all-lowest and mixed values, so 2×2 sums reach both ends and means land on halves.
    static func plane(_ sampleType: TIFFSampleType) -> [Double] {
        let (lowest, highest) = extremes(of: sampleType)
        return (0..<(width * height)).map { index in
            let (x, y) = (index % width, index / width)
            switch (x / 40 + y / 40) % 3 {
            case 0: return highest
            case 1: return lowest
            default: return (x * 7 + y * 13 + x * y) % 3 == 0 ? lowest : highest
            }
        }
    }

    @Test(arguments: TIFFSampleType.allCases)
    func pyramidOfExtremesIsTheExactMean(sampleType: TIFFSampleType) async throws {
        let binary = try PlateDropBinary.located()
        let work = try TemporaryFolder()
        let exportRoot = work.path + "/Extreme"
        try FileManager.default.createDirectory(atPath: exportRoot, withIntermediateDirectories: true)
        let image = ExportedImage(relativePath: "Extreme_A01_s1_w1.TIF", well: "A1", field: 0, channel: 0, z: 0, t: 0)
        try TIFFWriter.write(path: exportRoot + "/" + image.relativePath, width: Self.width, height: Self.height,
                             sampleType: sampleType, pages: [PixelValues.encode(Self.plane(sampleType), as: sampleType)])

        let outRoot = work.path + "/out"
        let ingest = try await binary.run(["ingest", exportRoot, "--out", outRoot, "--layout", "imagexpress"])
        #expect(ingest.exitCode == 0, "\(ingest.transcript)")
        let plateRoot = outRoot + "/Extreme.ome.zarr"
        let validation = try await binary.run(["validate", plateRoot])
        #expect(validation.exitCode == 0, "\(validation.transcript)")
        let plate = try WrittenPlate(root: plateRoot)
        let levels = plate.levelPaths(of: try plate.multiscale(well: "A/1", field: "0"))
        try #require(levels == ["0", "1"], "levels of A/1/0")
        try PlateContents.expectLevelZeroMatchesSources(plate, well: "A1", field: 0, images: [image], exportRoot: exportRoot)
        try PlateContents.expectPyramid(plate, well: "A1", field: 0, levels: levels)
    }
}
