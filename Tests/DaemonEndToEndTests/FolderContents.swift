import Foundation

/// The files under a folder: relative path → (modification time, bytes), to prove a folder untouched.
struct FolderContents: Equatable {
    struct File: Equatable {
        let modified: Date?
        let bytes: Data
    }

    let files: [String: File]

    init(of root: String) throws {
        var files: [String: File] = [:]
        let manager = FileManager.default
        for relativePath in try manager.subpathsOfDirectory(atPath: root) {
            let path = root + "/" + relativePath
            let attributes = try manager.attributesOfItem(atPath: path)
            guard attributes[.type] as? FileAttributeType == .typeRegular else { continue }
            files[relativePath] = File(modified: attributes[.modificationDate] as? Date,
                                       bytes: try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        self.files = files
    }
}
