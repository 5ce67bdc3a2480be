import Foundation

extension ImageXpressLayout {
    /// What the folders above a file say: t and z from `TimePoint_N/` and `ZStep_N/` (1-based on disk,
    /// 0-based here), whether it is a projection (`ZStep_0`), and the acquisition run it belongs to.
    struct FolderIndices {
        var t: Int?
        var z: Int?
        /// `ZStep_0`: MetaXpress writes the projections of an exported stack there, beside its planes.
        var isProjection = false
    }

    /// A folder that settles the file's role before its name is read.
    struct FolderRejection: Error {
        let role: FileRole
    }

    /// Reads `TimePoint_N` and `ZStep_N` from the folders (the innermost of each wins).
    static func folderIndices(_ folders: ArraySlice<String>) throws(FolderRejection) -> FolderIndices {
        var indices = FolderIndices()
        for folder in folders {
            if let number = numberedFolder(folder, prefix: "TimePoint_") {
                guard number >= 1 else {
                    throw FolderRejection(role: .unrecognized(reason: "folder \(folder): TimePoint_ counts from 1"))
                }
                indices.t = number - 1
            } else if let number = numberedFolder(folder, prefix: "ZStep_") {
                indices.isProjection = number == 0
                indices.z = number == 0 ? 0 : number - 1
            }
        }
        return indices
    }

    /// The name of the acquisition run that holds a file, or nil when its folders name none.
    ///
    /// MetaXpress exports a run as `<plate>_Plate_<acquisition id>/`; its database keeps the same run as
    /// `<plate>/<YYYY-MM-DD>/<acquisition id>/`. Both give `<plate>_Plate_<id>`, so one run keeps one plate
    /// name whichever way it was copied, and two runs of one plate never share a name. The innermost run
    /// folder wins.
    static func runName(_ folders: ArraySlice<String>, plateToken: String) -> String? {
        let runFolders = Array(folders.filter { !isTimeOrZFolder($0) })
        for index in runFolders.indices.reversed() {
            let folder = runFolders[index]
            if exportedRunFolder.wholeMatch(folder) != nil { return folder }
            if index > 0, isAcquisitionID(folder), storedDateFolder.wholeMatch(runFolders[index - 1]) != nil {
                return "\(plateToken)_Plate_\(folder)"
            }
        }
        return nil
    }

    /// Whether `folder` is a `TimePoint_N` or `ZStep_N` folder.
    static func isTimeOrZFolder(_ folder: String) -> Bool {
        numberedFolder(folder, prefix: "TimePoint_") != nil || numberedFolder(folder, prefix: "ZStep_") != nil
    }

    private static let exportedRunFolder = try! NSRegularExpression(
        wholeMatching: #".+_Plate_\d+"#, options: [.caseInsensitive])
    private static let storedDateFolder = try! NSRegularExpression(wholeMatching: #"\d{4}-\d{1,2}-\d{1,2}"#)

    private static func isAcquisitionID(_ folder: String) -> Bool {
        !folder.isEmpty && folder.count <= 12 && folder.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// N of a folder named `<prefix>N` (prefix matched without case), or nil.
    private static func numberedFolder(_ folder: String, prefix: String) -> Int? {
        guard folder.lowercased().hasPrefix(prefix.lowercased()) else { return nil }
        let digits = folder.dropFirst(prefix.count)
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        return Int(digits)
    }
}
