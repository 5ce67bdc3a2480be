import Foundation
import Testing
import TIFF

/// The instrument re-exporting one plane in place: same name and size, new pixels.
enum RampOverwrite {
    /// The diagonal ramp no synthetic export produces, as the plane's uint16 values.
    static func ramp(size: Int) -> [UInt16] {
        (0..<(size * size)).map { UInt16(($0 % size + $0 / size) * 97 % 60_000) }
    }

    /// Truncates and rewrites the file through its own inode (no rename) with the ramp; the size stays the
    /// same. The new TIFF is prepared in `scratch`, outside the watched folder.
    static func apply(to path: String, size: Int, scratch: String) throws {
        let replacement = scratch + "/replacement.tif"
        try TIFFWriter.write(path: replacement, width: size, height: size, sampleType: .uint16,
                             pages: [ramp(size: size).withUnsafeBytes { [UInt8]($0) }])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: replacement))
        try FileManager.default.removeItem(atPath: replacement)
        let original = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
        try #require(original == bytes.count, "the replacement should keep the file size")
        let handle = try #require(FileHandle(forWritingAtPath: path), "cannot open \(path)")
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: bytes)
        try handle.close()
    }
}
