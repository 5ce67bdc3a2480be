import Foundation
import Testing

/// The real vendor exports of the optional corpus that sits beside the repository checkout (README,
/// "Development"). Tests that use them are skipped, saying so, when the folder is absent; nothing from it
/// is ever copied into the repository.
public enum RealExportCorpus {
    /// Why a real-data test was skipped.
    public static let absenceNote: Comment = "the optional real-export corpus beside the checkout is absent (README, Development)"

    /// Where the corpus lies: a folder beside the checkout's.
    public static let root = URL(fileURLWithPath: PlateDropProgram.repositoryRoot)
        .deletingLastPathComponent().appendingPathComponent("shared/realdata").standardizedFileURL.path

    /// The exports with real pixels, and the files `platedrop ingest` rejects in each: only the Harmony 7
    /// index whose images the corpus does not carry.
    public static let exportsWithPixels: [String: [String]] = [
        "imagexpress/faim-ipa-metaxpress-exported": [], "imagexpress/faim-ipa-metaxpress-stored": [],
        "imagexpress/cellprofiler-examples": [], "harmony/operetta-compose": [],
        "harmony/pe2loaddata-phenix": ["Version7/images/Index.xml"], "cellomics/cellprofiler-examples": [],
        "imagexpress-hcsai/fractal-uzh-converters": [], "scanr/cellprofiler-examples": [],
    ]

    /// Whether the corpus is there.
    public static var isPresent: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The full path of `relativePath` inside the corpus.
    public static func path(_ relativePath: String) -> String {
        root + "/" + relativePath
    }

    /// Paths relative to the corpus of the files under `folder` whose extension is one of `extensions`
    /// (compared case-insensitively), sorted.
    public static func files(under folder: String, extensions: Set<String>) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: path(folder)) else { return [] }
        return walker.compactMap { $0 as? String }
            .filter { extensions.contains(($0 as NSString).pathExtension.lowercased()) }
            .map { folder + "/" + $0 }
            .sorted()
    }
}
