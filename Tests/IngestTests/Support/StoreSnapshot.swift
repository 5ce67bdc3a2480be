import Foundation
import Testing

/// Every regular file below a folder with its bytes, keyed by path relative to the folder.
enum StoreSnapshot {
    static func files(under root: String) throws -> [String: Data] {
        let enumerator = try #require(FileManager.default.enumerator(atPath: root))
        var files: [String: Data] = [:]
        while let relativePath = enumerator.nextObject() as? String {
            guard (enumerator.fileAttributes?[.type] as? FileAttributeType) == .typeRegular else { continue }
            files[relativePath] = try Data(contentsOf: URL(fileURLWithPath: root + "/" + relativePath))
        }
        return files
    }
}
