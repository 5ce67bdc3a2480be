extension ImageXpressLayout {
    /// t and z as given by the `TimePoint_N/` and `ZStep_N/` folders (1-based on disk, 0-based here).
    struct FolderIndices {
        var t: Int?
        var z: Int?
    }

    /// A folder that settles the file's role before its name is read.
    struct FolderRejection: Error {
        let role: FileRole
    }

    /// Reads `TimePoint_N` and `ZStep_N` from the folders (the innermost of each wins).
    /// `ZStep_0` holds the projections that exported stacks carry beside their planes (reference §1.1);
    /// they are not planes of the stack, so files there are ignored.
    static func folderIndices(_ folders: ArraySlice<String>) throws(FolderRejection) -> FolderIndices {
        var indices = FolderIndices()
        for folder in folders {
            if let number = numberedFolder(folder, prefix: "TimePoint_") {
                guard number >= 1 else {
                    throw FolderRejection(role: .unrecognized(reason: "folder \(folder): TimePoint_ counts from 1"))
                }
                indices.t = number - 1
            } else if let number = numberedFolder(folder, prefix: "ZStep_") {
                guard number >= 1 else {
                    throw FolderRejection(role: .ignored(
                        reason: "ZStep_0 holds MetaXpress projections (e.g. MIP), not planes of the z-stack"))
                }
                indices.z = number - 1
            }
        }
        return indices
    }

    /// Whether `folder` is a `TimePoint_N` or `ZStep_N` folder.
    static func isTimeOrZFolder(_ folder: String) -> Bool {
        numberedFolder(folder, prefix: "TimePoint_") != nil || numberedFolder(folder, prefix: "ZStep_") != nil
    }

    /// N of a folder named `<prefix>N` (prefix matched without case), or nil.
    private static func numberedFolder(_ folder: String, prefix: String) -> Int? {
        guard folder.lowercased().hasPrefix(prefix.lowercased()) else { return nil }
        let digits = folder.dropFirst(prefix.count)
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        return Int(digits)
    }
}
