import Foundation
import SampleExports
import Testing
import TIFF

@Suite("Synthetic exports: pixel content")
struct SampleExportsPixelTests {
    @Test("every written image reads back equal to plane(...)")
    func imagesMatchPlanes() throws {
        let directory = try TemporaryDirectory()
        let spec = ExportSpec(
            layout: .yokogawa, wells: [WellIndex(row: 1, column: 4)], fields: 2, channels: 2, zPlanes: 2,
            width: 70, height: 50,
            tiffOptions: TIFFWriteOptions(compression: .deflate, layout: .tiles(width: 32, height: 32), predictor: true)
        )
        let export = try SampleExportGenerator.generate(spec, into: directory.path)
        #expect(export.images.count == 8)
        for image in export.images {
            let file = try TIFFFile(path: directory.file(image.relativePath))
            let info = try file.pageInfo(0)
            #expect(info.width == 70 && info.height == 50 && info.sampleType == .uint16 && info.isTiled)
            let expected = SampleExportGenerator.plane(
                spec: spec, row: image.row, column: image.column, field: image.field,
                channel: image.channel, z: image.z, t: image.t
            )
            #expect(try file.readPage(0) == expected, "\(image.relativePath)")
        }
    }

    @Test("planes are reproducible and differ between channels, planes, fields, wells, times and seeds")
    func planesDiffer() {
        let spec = ExportSpec(layout: .harmony, zPlanes: 2, timepoints: 2, width: 64, height: 64)
        func plane(_ spec: ExportSpec, row: Int = 0, column: Int = 0, field: Int = 0, channel: Int = 0, z: Int = 0, t: Int = 0) -> [UInt8] {
            SampleExportGenerator.plane(spec: spec, row: row, column: column, field: field, channel: channel, z: z, t: t)
        }
        let reference = plane(spec)
        #expect(plane(spec) == reference)
        #expect(plane(spec, channel: 1) != reference)
        #expect(plane(spec, z: 1) != reference)
        #expect(plane(spec, field: 1) != reference)
        #expect(plane(spec, column: 1) != reference)
        #expect(plane(spec, t: 1) != reference)
        var reseeded = spec
        reseeded.seed = 7
        #expect(plane(reseeded) != reference)
    }

    /// Expected camera-unit scaling per type: value = uint16 units × scale + offset.
    static let scaling: [(TIFFSampleType, Double, Double)] = [
        (.uint8, 1.0 / 16, 0), (.int8, 1.0 / 32, -64), (.uint16, 1, 0), (.int16, 1, -2000),
        (.uint32, 64, 0), (.int32, 64, -100_000), (.float32, 1.0 / 1000, 0),
    ]

    @Test("content looks like a fluorescence image in every sample type", arguments: scaling)
    func plausibleStatistics(sampleType: TIFFSampleType, scale: Double, offset: Double) throws {
        let spec = ExportSpec(layout: .imageXpress, width: 256, height: 192, sampleType: sampleType)
        let bytes = SampleExportGenerator.plane(spec: spec, row: 2, column: 3, field: 1, channel: 1, z: 0, t: 0)
        #expect(bytes.count == 256 * 192 * sampleType.byteCount)
        let values = Self.values(bytes, as: sampleType)
        #expect(values.allSatisfy { $0.isFinite })
        let cameraUnits = values.map { ($0 - offset) / scale }
        let mean = cameraUnits.reduce(0, +) / Double(cameraUnits.count)
        let darkest = try #require(cameraUnits.min())
        let brightest = try #require(cameraUnits.max())
        #expect((300...3000).contains(mean), "mean \(mean) camera units")
        #expect(darkest < 400, "background reaches low values")
        #expect(brightest > mean + 500, "cells stand out from the background")
        #expect(Set(values).count > 50, "not constant or posterized")
        if [.int8, .int16, .int32].contains(sampleType) {
            #expect(values.contains { $0 < 0 }, "signed types use negative values")
        }
    }

    @Test("neighbouring pixels are correlated (smooth structure plus noise, not white noise)")
    func spatiallySmooth() {
        let spec = ExportSpec(layout: .imageXpress, width: 256, height: 256)
        let values = Self.values(SampleExportGenerator.plane(spec: spec, row: 0, column: 0, field: 0, channel: 0, z: 0, t: 0), as: .uint16)
        let mean = values.reduce(0, +) / Double(values.count)
        var covariance = 0.0
        var variance = 0.0
        for index in 0..<(values.count - 1) where (index + 1) % 256 != 0 {
            covariance += (values[index] - mean) * (values[index + 1] - mean)
            variance += (values[index] - mean) * (values[index] - mean)
        }
        #expect(covariance / variance > 0.9)
    }

    private static func values(_ bytes: [UInt8], as sampleType: TIFFSampleType) -> [Double] {
        bytes.withUnsafeBytes { raw in
            switch sampleType {
            case .uint8: raw.bindMemory(to: UInt8.self).map(Double.init)
            case .int8: raw.bindMemory(to: Int8.self).map(Double.init)
            case .uint16: raw.bindMemory(to: UInt16.self).map(Double.init)
            case .int16: raw.bindMemory(to: Int16.self).map(Double.init)
            case .uint32: raw.bindMemory(to: UInt32.self).map(Double.init)
            case .int32: raw.bindMemory(to: Int32.self).map(Double.init)
            case .float32: raw.bindMemory(to: Float.self).map(Double.init)
            }
        }
    }
}
