internal import CTIFF

extension TIFFFile {
    /// Reads `page` row-major in host byte order into `buffer`, which must hold exactly width × height × bytes per sample.
    public func readPage(_ page: Int, into buffer: UnsafeMutableRawBufferPointer) throws(TIFFError) {
        let layout = try selectPage(page)
        try readPixels(layout, page: page, into: buffer)
    }

    /// Reads `page` row-major in host byte order into a new array of width × height × bytes per sample bytes.
    public func readPage(_ page: Int) throws(TIFFError) -> [UInt8] {
        let layout = try selectPage(page)
        var failure: TIFFError?
        let pixels = [UInt8](unsafeUninitializedCapacity: layout.info.byteCount) { buffer, initializedCount in
            do throws(TIFFError) {
                try readPixels(layout, page: page, into: UnsafeMutableRawBufferPointer(buffer))
                initializedCount = buffer.count
            } catch {
                failure = error
                initializedCount = 0
            }
        }
        if let failure { throw failure }
        return pixels
    }

    private func readPixels(_ layout: TIFFPageLayout, page: Int, into buffer: UnsafeMutableRawBufferPointer) throws(TIFFError) {
        guard buffer.count == layout.info.byteCount, let destination = buffer.baseAddress else {
            throw TIFFError(path: path, kind: .bufferSize(expected: layout.info.byteCount, found: buffer.count))
        }
        switch layout.storage {
        case .strips(let rowsPerStrip):
            try readStrips(layout.info, rowsPerStrip: rowsPerStrip, page: page, into: destination)
        case .tiles(let tileWidth, let tileHeight):
            try readTiles(layout.info, tileWidth: tileWidth, tileHeight: tileHeight, page: page, into: destination)
        }
    }

    /// Decodes each strip straight into its rows of the destination: no intermediate copy.
    private func readStrips(_ info: TIFFPageInfo, rowsPerStrip: Int, page: Int, into destination: UnsafeMutableRawPointer) throws(TIFFError) {
        let rowBytes = info.width * info.sampleType.byteCount
        let stripCount = Int(TIFFNumberOfStrips(libtiff.raw))
        let neededStrips = (info.height + rowsPerStrip - 1) / rowsPerStrip
        guard stripCount >= neededStrips else {
            throw TIFFError(path: path, kind: .corrupt(page: page, detail: "\(stripCount) strips hold fewer than the \(info.height) rows the page declares"))
        }
        for strip in 0..<neededStrips {
            let firstRow = strip * rowsPerStrip
            let expected = min(rowsPerStrip, info.height - firstRow) * rowBytes
            libtiff.resetErrors()
            let decoded = TIFFReadEncodedStrip(libtiff.raw, UInt32(strip), destination + firstRow * rowBytes, tmsize_t(expected))
            guard decoded == expected else {
                throw blockFailure(page: page, unit: "strip", index: strip, count: stripCount, expected: expected, decoded: decoded)
            }
        }
    }

    /// Decodes tiles into one reused tile buffer and copies the rows that fall inside the image.
    private func readTiles(_ info: TIFFPageInfo, tileWidth: Int, tileHeight: Int, page: Int, into destination: UnsafeMutableRawPointer) throws(TIFFError) {
        let sampleBytes = info.sampleType.byteCount
        let rowBytes = info.width * sampleBytes
        let tileRowBytes = tileWidth * sampleBytes
        let tileBytes = tileRowBytes * tileHeight
        let tileCount = Int(TIFFNumberOfTiles(libtiff.raw))
        let tileBuffer = UnsafeMutableRawPointer.allocate(byteCount: tileBytes, alignment: 16)
        defer { tileBuffer.deallocate() }
        for top in stride(from: 0, to: info.height, by: tileHeight) {
            let rows = min(tileHeight, info.height - top)
            for left in stride(from: 0, to: info.width, by: tileWidth) {
                let tile = TIFFComputeTile(libtiff.raw, UInt32(left), UInt32(top), 0, 0)
                libtiff.resetErrors()
                let decoded = TIFFReadEncodedTile(libtiff.raw, tile, tileBuffer, tmsize_t(tileBytes))
                guard decoded == tileBytes else {
                    throw blockFailure(page: page, unit: "tile", index: Int(tile), count: tileCount, expected: tileBytes, decoded: decoded)
                }
                let copiedBytes = min(tileWidth, info.width - left) * sampleBytes
                var target = destination + top * rowBytes + left * sampleBytes
                var source = UnsafeRawPointer(tileBuffer)
                for _ in 0..<rows {
                    target.copyMemory(from: source, byteCount: copiedBytes)
                    target += rowBytes
                    source += tileRowBytes
                }
            }
        }
    }

    /// Tells a block that lies beyond the end of the file (truncated) from one that fails to decode (corrupt).
    private func blockFailure(page: Int, unit: String, index: Int, count: Int, expected: Int, decoded: tmsize_t) -> TIFFError {
        let block = "\(unit) \(index) of \(count)"
        let offset = TIFFGetStrileOffset(libtiff.raw, UInt32(index))
        let byteCount = TIFFGetStrileByteCount(libtiff.raw, UInt32(index))
        if let fileSize = TIFFFileDiagnosis.fileSize(descriptor: TIFFFileno(libtiff.raw)), offset + byteCount > fileSize {
            let detail = "\(block) needs bytes \(offset) to \(offset + byteCount) but the file ends at byte \(fileSize)"
            return TIFFError(path: path, kind: .truncated(page: page, detail: detail))
        }
        let cause = libtiff.firstError ?? "libtiff decoded \(decoded) of \(expected) bytes"
        return TIFFError(path: path, kind: .corrupt(page: page, detail: "\(block): \(cause)"))
    }
}
