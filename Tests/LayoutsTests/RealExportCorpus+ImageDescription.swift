import Foundation
import PlateDropTestSupport

extension RealExportCorpus {
    /// The ImageDescription (tag 270) of the first page of a classic TIFF, read directly from the bytes
    /// since this test target does not link the TIFF module; nil when the page has none.
    static func imageDescription(ofTIFF relativePath: String) throws -> String? {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(relativePath))))
        guard bytes.count >= 8 else { return nil }
        let bigEndian = bytes[0] == 0x4D
        func unsigned(_ offset: Int, _ size: Int) -> Int {
            let field = bytes[offset..<(offset + size)]
            return (bigEndian ? Array(field) : field.reversed()).reduce(0) { $0 << 8 | Int($1) }
        }
        guard unsigned(2, 2) == 42 else { return nil }
        let directory = unsigned(4, 4)
        for entry in 0..<unsigned(directory, 2) {
            let start = directory + 2 + 12 * entry
            guard unsigned(start, 2) == 270 else { continue }
            let count = unsigned(start + 4, 4)
            let offset = count <= 4 ? start + 8 : unsigned(start + 8, 4)
            let text = bytes[offset..<(offset + count)].prefix { $0 != 0 }
            return String(decoding: text, as: UTF8.self)
        }
        return nil
    }
}
