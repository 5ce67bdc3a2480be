import Foundation

/// Explains why libtiff refused a file by walking its header and directory chain
/// (TIFF 6.0 §2, BigTIFF header and 8-byte offsets) against the file's real size.
/// Runs only after a failure, so the reading path stays libtiff's alone.
enum TIFFFileDiagnosis {
    /// The most specific error for `path`, falling back to libtiff's own message.
    static func diagnose(path: String, libtiffMessage: String?) -> TIFFError {
        let kind = findProblem(path: path)
            ?? .malformed(detail: libtiffMessage ?? "libtiff could not read the image directory")
        return TIFFError(path: path, kind: kind)
    }

    /// The size of the open file behind `descriptor`, or nil when it cannot be determined.
    static func fileSize(descriptor: Int32) -> UInt64? {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        return UInt64(status.st_size)
    }

    private static func findProblem(path: String) -> TIFFError.Kind? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            return .cannotOpen(reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            return .cannotOpen(reason: String(cString: strerror(errno)))
        }
        guard status.st_mode & S_IFMT != S_IFDIR else { return .cannotOpen(reason: "it is a directory") }
        let size = UInt64(status.st_size)
        guard size > 0 else { return .emptyFile }
        let file = ByteSource(descriptor: descriptor, size: size)
        let header = file.bytes(at: 0, count: Int(min(size, 16))) ?? []
        guard let format = HeaderFormat(header) else {
            return .notTIFF(signature: signature(of: header))
        }
        return walkDirectories(of: file, format: format, header: header)
    }

    private static func walkDirectories(of file: ByteSource, format: HeaderFormat, header: [UInt8]) -> TIFFError.Kind? {
        guard header.count >= format.headerSize else {
            return .truncated(page: 0, detail: "the file ends inside the \(format.headerSize)-byte header")
        }
        var offset = format.offsetField(header, at: format.headerSize - format.offsetSize)
        var visited = Set<UInt64>()
        var page = 0
        while offset != 0, visited.insert(offset).inserted {
            guard let countBytes = file.bytes(at: offset, count: format.entryCountSize) else {
                return .truncated(page: page, detail: "its directory starts at byte \(offset), past the end of the file (\(file.size) bytes)")
            }
            let entryCount = format.unsigned(countBytes[...])
            let directoryBytes = entryCount.multipliedReportingOverflow(by: UInt64(format.entrySize))
            let entriesOffset = offset + UInt64(format.entryCountSize)
            guard !directoryBytes.overflow, directoryBytes.partialValue <= file.size,
                  let entries = file.bytes(at: entriesOffset, count: Int(directoryBytes.partialValue) + format.offsetSize)
            else {
                return .truncated(page: page, detail: "its directory at byte \(offset) lists \(entryCount) entries but the file ends at byte \(file.size)")
            }
            var tags = Set<UInt16>()
            for index in 0..<Int(entryCount) {
                let entry = entries[(index * format.entrySize)..<((index + 1) * format.entrySize)]
                let tag = UInt16(format.unsigned(entry.prefix(2)))
                tags.insert(tag)
                if let problem = checkValues(of: entry, tag: tag, page: page, in: file, format: format) {
                    return problem
                }
            }
            for (tag, name) in [(UInt16(256), "ImageWidth"), (257, "ImageLength")] where !tags.contains(tag) {
                return .missingTag(page: page, tag: name)
            }
            offset = format.offsetField(entries, at: entries.count - format.offsetSize)
            page += 1
        }
        return nil
    }

    /// Checks that a tag's values stored outside the directory entry lie inside the file.
    private static func checkValues(of entry: ArraySlice<UInt8>, tag: UInt16, page: Int, in file: ByteSource, format: HeaderFormat) -> TIFFError.Kind? {
        let start = entry.startIndex
        let fieldType = UInt16(format.unsigned(entry[(start + 2)..<(start + 4)]))
        let countEnd = start + 4 + format.offsetSize
        let valueCount = format.unsigned(entry[(start + 4)..<countEnd])
        let valueBytes = valueCount.multipliedReportingOverflow(by: fieldTypeSize(fieldType))
        guard valueBytes.overflow || valueBytes.partialValue > UInt64(format.offsetSize) else { return nil }
        let valueOffset = format.unsigned(entry[countEnd..<(countEnd + format.offsetSize)])
        let end = valueOffset.addingReportingOverflow(valueBytes.partialValue)
        guard valueBytes.overflow || end.overflow || end.partialValue > file.size else { return nil }
        return .truncated(page: page, detail: "the values of tag \(tag) (\(valueCount) items at byte \(valueOffset)) run past the end of the file (\(file.size) bytes)")
    }

    /// Bytes per value of a TIFF field type (TIFF 6.0 §2 plus the BigTIFF 8-byte types).
    private static func fieldTypeSize(_ type: UInt16) -> UInt64 {
        switch type {
        case 1, 2, 6, 7: 1
        case 3, 8: 2
        case 4, 9, 11, 13: 4
        case 5, 10, 12, 16, 17, 18: 8
        default: 0
        }
    }

    private static func signature(of header: [UInt8]) -> String {
        header.prefix(4).map { byte in
            let hex = String(byte, radix: 16, uppercase: true)
            return hex.count == 1 ? "0" + hex : hex
        }.joined(separator: " ")
    }

    /// Positioned reads from an open file that refuse to go past its end.
    private struct ByteSource {
        let descriptor: Int32
        let size: UInt64

        func bytes(at offset: UInt64, count: Int) -> [UInt8]? {
            let end = offset.addingReportingOverflow(UInt64(count))
            guard !end.overflow, end.partialValue <= size else { return nil }
            var result = [UInt8](repeating: 0, count: count)
            let read = result.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
            return read == count ? result : nil
        }
    }

    /// Byte order and offset width announced by the first bytes of the file.
    private struct HeaderFormat {
        let bigEndian: Bool
        let bigTIFF: Bool

        init?(_ header: [UInt8]) {
            guard header.count >= 4 else { return nil }
            switch (header[0], header[1]) {
            case (0x49, 0x49): bigEndian = false
            case (0x4D, 0x4D): bigEndian = true
            default: return nil
            }
            let version = bigEndian ? UInt16(header[2]) << 8 | UInt16(header[3]) : UInt16(header[3]) << 8 | UInt16(header[2])
            switch version {
            case 42: bigTIFF = false
            case 43: bigTIFF = true
            default: return nil
            }
        }

        var headerSize: Int { bigTIFF ? 16 : 8 }
        var offsetSize: Int { bigTIFF ? 8 : 4 }
        var entryCountSize: Int { bigTIFF ? 8 : 2 }
        var entrySize: Int { bigTIFF ? 20 : 12 }

        func unsigned(_ bytes: ArraySlice<UInt8>) -> UInt64 {
            let ordered = bigEndian ? Array(bytes) : bytes.reversed()
            return ordered.reduce(0) { $0 << 8 | UInt64($1) }
        }

        func offsetField(_ bytes: [UInt8], at index: Int) -> UInt64 {
            unsigned(bytes[index..<(index + offsetSize)])
        }
    }
}
