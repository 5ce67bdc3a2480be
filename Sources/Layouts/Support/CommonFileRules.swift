/// Files every layout skips, whatever the instrument: system litter, partial copies, hidden files.
enum CommonFileRules {
    /// Extensions of files that carry pixels; anything else that no layout claims is ignored, not flagged.
    static let imageExtensions: Set<String> = ["tif", "tiff", "png", "jpg", "jpeg", "bmp", "c01", "dib"]

    /// Suffixes that copy tools and atomic writers give a file until it is complete.
    private static let temporarySuffixes = [".tmp", ".part", ".partial", ".crdownload", ".filepart", ".!sync"]

    /// Why `path` is skipped before any layout looks at it, or nil if a layout should decide.
    static func ignoreReason(for path: RelativePath) -> String? {
        let name = path.fileName
        let lowered = name.lowercased()
        if let hidden = path.directories.first(where: { $0.hasPrefix(".") }) {
            return "inside the hidden folder \"\(hidden)\""
        }
        if ["thumbs.db", ".ds_store", "desktop.ini"].contains(lowered) {
            return "operating-system file"
        }
        if name.hasPrefix("._") {
            return "macOS resource fork (AppleDouble) of another file"
        }
        if name.hasPrefix("~$") {
            return "Office lock file"
        }
        if let suffix = temporarySuffixes.first(where: lowered.hasSuffix) {
            return "temporary file (\(suffix)) of a copy in progress; the final name appears when the copy completes"
        }
        if name.hasPrefix(".") {
            return "hidden file; atomic writers use hidden temporary names such as .name.tif.tmp"
        }
        // HCS.ai writes per-image statistics beside each TIFF (docs/layouts.md §1.2).
        if lowered.hasSuffix(".statistics.json") {
            return "ImageXpress HCS.ai statistics sidecar"
        }
        return nil
    }

    /// The role of a file no convention claimed: flagged if it carries pixels, otherwise ignored.
    static func unclaimedRole(for path: RelativePath, layout: String, expected: String) -> FileRole {
        if imageExtensions.contains(path.fileExtension) {
            return .unrecognized(reason: "\(path.fileName) matches no \(layout) image name: expected \(expected)")
        }
        return .ignored(reason: "not an image or plan file of the \(layout) layout")
    }

    /// The role of an image whose plate token `ImageKey.safePlateName(_:)` refused.
    static func rejectedPlate(_ raw: String) -> FileRole {
        .unrecognized(reason: "plate name \"\(raw)\" cannot be used as a directory name "
            + "(empty, control characters, not UTF-8, or longer than \(ImageKey.maximumPlateNameBytes) bytes)")
    }
}
