import Foundation
import TIFF

/// Microscopy-like pixels for one plane: a smooth background, Gaussian "cells" and shot plus read noise.
///
/// Intensities are modelled in uint16 camera units (background about 400 ± 300, 40–80 cells 500–3000
/// high) and then scaled into the sample type's range. Cells have σ 8–60 px in a 2048 × 2048 image and
/// shrink with the image's linear size, so small test images keep the same cell count and brightness
/// statistics instead of saturating. Cell positions depend on (well, field, time), so all channels and
/// Z planes of a field show the same cells; sizes and brightness depend on the channel, defocus on the
/// distance from the middle plane, and the noise on every coordinate.
enum SyntheticPlane {
    /// Camera read noise variance, in uint16 units (standard deviation 3).
    private static let readNoiseVariance: Float = 9

    static func render(spec: ExportSpec, row: Int, column: Int, field: Int, channel: Int, z: Int, t: Int, run: Int = 0) -> [UInt8] {
        let width = spec.width
        let height = spec.height
        let seed = Int(truncatingIfNeeded: spec.pixelSeed(run: run))
        var cells = SeededGenerator(mixing: [seed, 1, row, column, field, t])
        var stain = SeededGenerator(mixing: [seed, 2, row, column, field, t, channel])
        var noise = SeededGenerator(mixing: [seed, 3, row, column, field, t, channel, z])

        var intensity = [Float](repeating: 0, count: width * height)
        intensity.withUnsafeMutableBufferPointer { image in
            addBackground(to: image, width: width, height: height, using: &stain)
            let middle = Float(spec.zPlanes - 1) / 2
            let defocus = 1 + 0.15 * abs(Float(z) - middle)
            let sizeScale = Float(Double(width * height).squareRoot() / 2048)
            for _ in 0..<Int.random(in: 40...80, using: &cells) {
                let centreX = Float.random(in: 0..<Float(width), using: &cells)
                let centreY = Float.random(in: 0..<Float(height), using: &cells)
                let sigma = max(1, Float.random(in: 8...60, using: &stain) * sizeScale) * defocus
                let amplitude = Float.random(in: 500...3000, using: &stain) / (defocus * defocus)
                addGaussian(to: image, width: width, height: height, centreX: centreX, centreY: centreY, sigma: sigma, amplitude: amplitude)
            }
        }
        return convert(intensity, to: spec.sampleType, noise: &noise)
    }

    /// A low-frequency pattern, separable so each pixel costs one multiply-add.
    private static func addBackground(to image: UnsafeMutableBufferPointer<Float>, width: Int, height: Int, using random: inout SeededGenerator) {
        let periodX = Float.random(in: 150...400, using: &random)
        let periodY = Float.random(in: 150...400, using: &random)
        let phaseX = Float.random(in: 0..<(2 * .pi), using: &random)
        let phaseY = Float.random(in: 0..<(2 * .pi), using: &random)
        let alongX = (0..<width).map { sin(Float($0) / periodX + phaseX) }
        let alongY = (0..<height).map { 300 * cos(Float($0) / periodY + phaseY) }
        alongX.withUnsafeBufferPointer { alongX in
            for y in 0..<height {
                let rowAmplitude = alongY[y]
                let rowStart = y * width
                for x in 0..<width {
                    image[rowStart + x] = 400 + rowAmplitude * alongX[x]
                }
            }
        }
    }

    /// Adds a Gaussian spot, evaluated only inside its ±3σ box and separably (one exp per row and column).
    private static func addGaussian(
        to image: UnsafeMutableBufferPointer<Float>, width: Int, height: Int,
        centreX: Float, centreY: Float, sigma: Float, amplitude: Float
    ) {
        let reach = 3 * sigma
        let firstX = max(0, Int((centreX - reach).rounded(.down)))
        let lastX = min(width - 1, Int((centreX + reach).rounded(.up)))
        let firstY = max(0, Int((centreY - reach).rounded(.down)))
        let lastY = min(height - 1, Int((centreY + reach).rounded(.up)))
        guard firstX <= lastX, firstY <= lastY else { return }
        let falloff = -1 / (2 * sigma * sigma)
        let alongX = (firstX...lastX).map { exp(falloff * (Float($0) - centreX) * (Float($0) - centreX)) }
        alongX.withUnsafeBufferPointer { alongX in
            for y in firstY...lastY {
                let rowWeight = amplitude * exp(falloff * (Float(y) - centreY) * (Float(y) - centreY))
                let rowStart = y * width + firstX
                for index in 0..<alongX.count {
                    image[rowStart + index] += rowWeight * alongX[index]
                }
            }
        }
    }

    /// Adds shot noise (Gaussian, variance = signal) and read noise, scales into the type and clips to its range.
    private static func convert(_ intensity: [Float], to sampleType: TIFFSampleType, noise: inout SeededGenerator) -> [UInt8] {
        let (scale, offset) = scaling(for: sampleType)
        return [UInt8](unsafeUninitializedCapacity: intensity.count * sampleType.byteCount) { bytes, initialized in
            let raw = UnsafeMutableRawBufferPointer(bytes)
            intensity.withUnsafeBufferPointer { signal in
                switch sampleType {
                case .uint8: store(signal, into: raw, as: UInt8.self, scale: scale, offset: offset, noise: &noise)
                case .int8: store(signal, into: raw, as: Int8.self, scale: scale, offset: offset, noise: &noise)
                case .uint16: store(signal, into: raw, as: UInt16.self, scale: scale, offset: offset, noise: &noise)
                case .int16: store(signal, into: raw, as: Int16.self, scale: scale, offset: offset, noise: &noise)
                case .uint32: store(signal, into: raw, as: UInt32.self, scale: scale, offset: offset, noise: &noise)
                case .int32: store(signal, into: raw, as: Int32.self, scale: scale, offset: offset, noise: &noise)
                case .float32:
                    let output = raw.bindMemory(to: Float.self)
                    for index in 0..<signal.count {
                        output[index] = noisy(signal[index], noise: &noise) * scale + offset
                    }
                }
            }
            initialized = bytes.count
        }
    }

    private static func store<Sample: FixedWidthInteger>(
        _ signal: UnsafeBufferPointer<Float>, into raw: UnsafeMutableRawBufferPointer, as type: Sample.Type,
        scale: Float, offset: Float, noise: inout SeededGenerator
    ) {
        let output = raw.bindMemory(to: Sample.self)
        for index in 0..<signal.count {
            let value = (noisy(signal[index], noise: &noise) * scale + offset).rounded()
            output[index] = Sample(clamping: Int64(value))
        }
    }

    @inline(__always)
    private static func noisy(_ value: Float, noise: inout SeededGenerator) -> Float {
        value + noise.nextNormal() * (max(value, 0) + readNoiseVariance).squareRoot()
    }

    /// Maps uint16 camera units into each type's range; signed types get an offset so negatives occur.
    private static func scaling(for sampleType: TIFFSampleType) -> (scale: Float, offset: Float) {
        switch sampleType {
        case .uint8: (1.0 / 16, 0)
        case .int8: (1.0 / 32, -64)
        case .uint16: (1, 0)
        case .int16: (1, -2000)
        case .uint32: (64, 0)
        case .int32: (64, -100_000)
        case .float32: (1.0 / 1000, 0)
        }
    }
}
