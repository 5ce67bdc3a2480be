internal import CTIFF

/// How libtiff's current directory stores its pixels, built only for pages PlateDrop can read.
struct TIFFPageLayout {
    /// Strip or tile geometry of the page.
    enum Storage {
        case strips(rowsPerStrip: Int)
        case tiles(width: Int, height: Int)
    }

    let info: TIFFPageInfo
    let storage: Storage

    /// Reads and checks the tags of the current directory of `handle`, which holds page `page` of `path`.
    init(handle: OpaquePointer, page: Int, path: String) throws(TIFFError) {
        func unsupported(_ property: String, _ found: String, _ expected: String) -> TIFFError {
            TIFFError(path: path, kind: .unsupported(page: page, property: property, found: found, expected: expected))
        }

        var photometric: UInt16 = 0
        guard ctiff_get_u16(handle, UInt32(TIFFTAG_PHOTOMETRIC), &photometric) != 0 else {
            throw TIFFError(path: path, kind: .missingTag(page: page, tag: "PhotometricInterpretation"))
        }
        let isPalette = photometric == UInt16(PHOTOMETRIC_PALETTE)
        let greyExpected = "MinIsBlack: one grey sample per pixel, or a palette that is a linear grey ramp"
        guard photometric == UInt16(PHOTOMETRIC_MINISBLACK) || isPalette else {
            throw unsupported("photometric interpretation", Self.photometricName(photometric), greyExpected)
        }

        var samplesPerPixel: UInt16 = 0
        _ = ctiff_get_u16_defaulted(handle, UInt32(TIFFTAG_SAMPLESPERPIXEL), &samplesPerPixel)
        guard samplesPerPixel == 1 else {
            throw unsupported("samples per pixel", "\(samplesPerPixel)", "1 grey sample per pixel")
        }

        var sampleFormat: UInt16 = 0
        _ = ctiff_get_u16_defaulted(handle, UInt32(TIFFTAG_SAMPLEFORMAT), &sampleFormat)
        let formatName = Self.sampleFormatName(sampleFormat)
        guard sampleFormat >= 1, sampleFormat <= 3 else {
            throw unsupported("sample format", formatName, "unsigned integer, signed integer or IEEE float")
        }

        var bitsPerSample: UInt16 = 0
        _ = ctiff_get_u16_defaulted(handle, UInt32(TIFFTAG_BITSPERSAMPLE), &bitsPerSample)
        guard let sampleType = TIFFSampleType(bitsPerSample: bitsPerSample, sampleFormat: sampleFormat) else {
            let expected = sampleFormat == TIFFSampleType.SampleFormatCode.ieeeFloat ? "32 for IEEE float samples" : "8, 16 or 32"
            throw unsupported("bits per sample", "\(bitsPerSample) (\(formatName) samples)", expected)
        }

        if isPalette, !TIFFColormap.isGreyRamp(handle: handle, bitsPerSample: bitsPerSample) {
            throw unsupported("photometric interpretation", "palette whose colour map is not a linear grey ramp", greyExpected)
        }

        var compression: UInt16 = 0
        _ = ctiff_get_u16_defaulted(handle, UInt32(TIFFTAG_COMPRESSION), &compression)
        let compressionName = TIFFCompression.displayName(forTagValue: compression)
        let readableCompressions = "none, LZW, Deflate, PackBits or Zstd"
        guard TIFFCompression.readableTagValues.contains(compression) else {
            throw unsupported("compression", compressionName, readableCompressions)
        }
        guard TIFFIsCODECConfigured(compression) != 0 else {
            throw unsupported("compression", "\(compressionName) (this libtiff build lacks the codec)", readableCompressions)
        }

        var width: UInt32 = 0
        var height: UInt32 = 0
        guard ctiff_get_u32(handle, UInt32(TIFFTAG_IMAGEWIDTH), &width) != 0, width > 0 else {
            throw TIFFError(path: path, kind: .missingTag(page: page, tag: "ImageWidth"))
        }
        guard ctiff_get_u32(handle, UInt32(TIFFTAG_IMAGELENGTH), &height) != 0, height > 0 else {
            throw TIFFError(path: path, kind: .missingTag(page: page, tag: "ImageLength"))
        }

        let isTiled = TIFFIsTiled(handle) != 0
        if isTiled {
            var tileWidth: UInt32 = 0
            var tileHeight: UInt32 = 0
            _ = ctiff_get_u32(handle, UInt32(TIFFTAG_TILEWIDTH), &tileWidth)
            _ = ctiff_get_u32(handle, UInt32(TIFFTAG_TILELENGTH), &tileHeight)
            guard tileWidth > 0, tileHeight > 0 else {
                throw unsupported("tile size", "\(tileWidth)×\(tileHeight)", "a positive TileWidth and TileLength")
            }
            storage = .tiles(width: Int(tileWidth), height: Int(tileHeight))
        } else {
            var rowsPerStrip: UInt32 = 0
            _ = ctiff_get_u32_defaulted(handle, UInt32(TIFFTAG_ROWSPERSTRIP), &rowsPerStrip)
            // TIFF 6.0 §8: RowsPerStrip defaults to 2^32 − 1, meaning one strip for the whole image.
            storage = .strips(rowsPerStrip: Int(min(max(rowsPerStrip, 1), height)))
        }
        info = TIFFPageInfo(
            width: Int(width), height: Int(height), sampleType: sampleType,
            compression: compressionName, isTiled: isTiled
        )
    }

    /// PhotometricInterpretation names from TIFF 6.0 §8 and the TIFF extensions.
    private static func photometricName(_ value: UInt16) -> String {
        switch value {
        case 0: "MinIsWhite"
        case 1: "MinIsBlack"
        case 2: "RGB"
        case 3: "palette"
        case 4: "transparency mask"
        case 5: "separated (CMYK)"
        case 6: "YCbCr"
        case 8: "CIELab"
        case 32803: "color filter array"
        case 34892: "linear raw"
        default: "code \(value)"
        }
    }

    /// SampleFormat names from TIFF 6.0 §19.
    private static func sampleFormatName(_ value: UInt16) -> String {
        switch value {
        case 1: "unsigned integer"
        case 2: "signed integer"
        case 3: "IEEE float"
        case 4: "void"
        case 5: "complex integer"
        case 6: "complex IEEE float"
        default: "code \(value)"
        }
    }
}
