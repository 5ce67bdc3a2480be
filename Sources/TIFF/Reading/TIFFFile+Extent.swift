internal import CTIFF
import Foundation

extension TIFFFile {
    /// Checks from the directories alone, without decoding, that every strip or tile of every page lies
    /// inside the file: a half-copied file can have a valid header while its last strips point past its
    /// end. Decoding is left to the one read that takes the pixels to the plate.
    public func verifyDataLiesInsideFile() throws(TIFFError) {
        let size: UInt64
        do {
            size = try (FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.uint64Value ?? 0
        } catch {
            throw TIFFError(path: path, kind: .cannotOpen(reason: error.localizedDescription))
        }
        for page in 0..<pageCount {
            _ = try selectPage(page)
            let tiled = TIFFIsTiled(libtiff.raw) != 0
            let count = tiled ? TIFFNumberOfTiles(libtiff.raw) : TIFFNumberOfStrips(libtiff.raw)
            for index in 0..<count {
                let end = TIFFGetStrileOffset(libtiff.raw, index) + TIFFGetStrileByteCount(libtiff.raw, index)
                guard end <= size else {
                    let unit = tiled ? "tile" : "strip"
                    throw TIFFError(path: path, kind: .truncated(
                        page: page, detail: "\(unit) \(index + 1) of \(count) ends at byte \(end), past the file's \(size) bytes"))
                }
            }
        }
    }
}
