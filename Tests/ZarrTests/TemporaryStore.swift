import Foundation
import Zarr

/// Runs `body` with a `FileStore` in a fresh temporary directory that is deleted afterwards.
@discardableResult
func withTemporaryStore<Result>(in parent: String = FileManager.default.temporaryDirectory.path,
                                _ body: (FileStore) throws -> Result) throws -> Result {
    let directory = parent + "/zarr-tests-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    return try body(FileStore(root: directory))
}

/// All file paths under `directory`, relative to it, sorted.
func allFiles(under directory: String) -> [String] {
    let enumerator = FileManager.default.enumerator(atPath: directory)
    var files: [String] = []
    while let next = enumerator?.nextObject() as? String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory + "/" + next, isDirectory: &isDirectory), !isDirectory.boolValue {
            files.append(next)
        }
    }
    return files.sorted()
}

/// Little-endian bytes of `values`.
func littleEndianBytes<Element: FixedWidthInteger>(_ values: [Element]) -> [UInt8] {
    values.flatMap { value in withUnsafeBytes(of: value.littleEndian) { Array($0) } }
}

/// Hex pairs separated by spaces, for readable expectations.
func hex(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map { String(format: "%02x", $0) }.joined(separator: " ")
}
