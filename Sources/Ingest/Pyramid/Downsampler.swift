import TIFF

/// 2×2 mean downsampling of one plane; odd edges average the pixels that exist.
enum Downsampler {
    /// Output height or width for an input extent: halves rounding up, so no edge pixel is dropped.
    static func halvedExtent(_ extent: Int) -> Int { (extent + 1) / 2 }

    /// Halves `source` (row-major, `height` × `width` elements of `sampleType`) into `destination`.
    static func halve(
        _ source: UnsafeRawBufferPointer, height: Int, width: Int,
        into destination: UnsafeMutableRawBufferPointer, sampleType: TIFFSampleType
    ) {
        switch sampleType {
        case .uint8: halveIntegers(source, height, width, destination, as: UInt8.self)
        case .uint16: halveUInt16(source, height, width, destination)
        case .uint32: halveIntegers(source, height, width, destination, as: UInt32.self)
        case .int8: halveIntegers(source, height, width, destination, as: Int8.self)
        case .int16: halveIntegers(source, height, width, destination, as: Int16.self)
        case .int32: halveIntegers(source, height, width, destination, as: Int32.self)
        case .float32: halveFloats(source, height, width, destination)
        }
    }

    /// Output rows below `ofRows` start at input column `skippingColumns`: a faster path wrote the rest.
    private static func halveIntegers<T: FixedWidthInteger>(
        _ source: UnsafeRawBufferPointer, _ height: Int, _ width: Int,
        _ destination: UnsafeMutableRawBufferPointer, as _: T.Type, skippingColumns: Int = 0, ofRows: Int = 0
    ) {
        let src = source.bindMemory(to: T.self)
        let dst = destination.bindMemory(to: T.self)
        let outWidth = halvedExtent(width), outHeight = halvedExtent(height)
        let pairedColumns = width / 2
        for outY in 0..<outHeight {
            let row0 = 2 * outY * width
            let hasSecondRow = 2 * outY + 1 < height
            let row1 = hasSecondRow ? row0 + width : row0
            let rowCount = hasSecondRow ? 2 : 1
            let out = outY * outWidth
            for outX in (outY < ofRows ? skippingColumns / 2 : 0)..<pairedColumns {
                let x = 2 * outX
                let sum = Int(src[row0 + x]) + Int(src[row0 + x + 1]) + Int(src[row1 + x]) + Int(src[row1 + x + 1])
                // Both rows are the same row when the height is odd: the sum counts it twice, still a mean of 4.
                dst[out + outX] = T(truncatingIfNeeded: (sum + 2) >> 2)
            }
            if pairedColumns < outWidth {
                let x = width - 1
                let sum = Int(src[row0 + x]) + (hasSecondRow ? Int(src[row1 + x]) : 0)
                dst[out + pairedColumns] = T(truncatingIfNeeded: rowCount == 2 ? (sum + 1) >> 1 : sum)
            }
        }
    }

    /// The common case, sixteen input pixels of a row pair at a time; the scalar path finishes each row.
    /// Summing in 32 bits cannot overflow, and `(sum + 2) >> 2` matches `halveIntegers`.
    private static func halveUInt16(
        _ source: UnsafeRawBufferPointer, _ height: Int, _ width: Int, _ destination: UnsafeMutableRawBufferPointer
    ) {
        let rowPairs = height / 2
        let vectorColumns = width / 16 * 16
        let outWidth = halvedExtent(width)
        if vectorColumns > 0 {
            let input = source.baseAddress!, output = destination.baseAddress!
            for outY in 0..<rowPairs {
                let row0 = input + 2 * outY * width * 2
                let row1 = row0 + width * 2
                let out = output + outY * outWidth * 2
                for x in stride(from: 0, to: vectorColumns, by: 16) {
                    let top = row0.loadUnaligned(fromByteOffset: x * 2, as: SIMD16<UInt16>.self)
                    let bottom = row1.loadUnaligned(fromByteOffset: x * 2, as: SIMD16<UInt16>.self)
                    let sum = SIMD8<UInt32>(truncatingIfNeeded: top.evenHalf) &+ SIMD8<UInt32>(truncatingIfNeeded: top.oddHalf)
                        &+ SIMD8<UInt32>(truncatingIfNeeded: bottom.evenHalf) &+ SIMD8<UInt32>(truncatingIfNeeded: bottom.oddHalf)
                    out.storeBytes(of: SIMD8<UInt16>(truncatingIfNeeded: (sum &+ 2) &>> 2), toByteOffset: x, as: SIMD8<UInt16>.self)
                }
            }
        }
        halveIntegers(source, height, width, destination, as: UInt16.self,
                      skippingColumns: vectorColumns, ofRows: rowPairs)
    }

    private static func halveFloats(
        _ source: UnsafeRawBufferPointer, _ height: Int, _ width: Int,
        _ destination: UnsafeMutableRawBufferPointer
    ) {
        let src = source.bindMemory(to: Float.self)
        let dst = destination.bindMemory(to: Float.self)
        let outWidth = halvedExtent(width), outHeight = halvedExtent(height)
        let pairedColumns = width / 2
        for outY in 0..<outHeight {
            let row0 = 2 * outY * width
            let hasSecondRow = 2 * outY + 1 < height
            let row1 = hasSecondRow ? row0 + width : row0
            let out = outY * outWidth
            for outX in 0..<pairedColumns {
                let x = 2 * outX
                // Summed in Double: four values near Float.greatestFiniteMagnitude overflow a Float sum.
                let sum = Double(src[row0 + x]) + Double(src[row0 + x + 1]) + Double(src[row1 + x]) + Double(src[row1 + x + 1])
                dst[out + outX] = Float(sum * 0.25)
            }
            if pairedColumns < outWidth {
                let x = width - 1
                dst[out + pairedColumns] = Float((Double(src[row0 + x]) + Double(src[row1 + x])) * 0.5)
            }
        }
    }
}
