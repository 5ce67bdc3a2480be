import Foundation

/// Bytes of all regular files below a folder.
enum DirectorySize {
    static func bytes(_ path: String) -> Int {
        guard let enumerator = FileManager.default.enumerator(atPath: path) else { return 0 }
        var total = 0
        while enumerator.nextObject() != nil {
            if enumerator.fileAttributes?[.type] as? FileAttributeType == .typeRegular {
                total += (enumerator.fileAttributes?[.size] as? Int) ?? 0
            }
        }
        return total
    }
}
