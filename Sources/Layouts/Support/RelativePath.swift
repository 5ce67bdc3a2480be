/// A path relative to the export root, split into the parts the layouts look at.
struct RelativePath {
    /// Non-empty `/`-separated components; the last is the file name.
    let components: [String]

    init(_ raw: String) {
        components = raw.split(separator: "/", omittingEmptySubsequences: true)
            .map(String.init)
            .filter { $0 != "." }
    }

    /// The file name, or "" for an empty path.
    var fileName: String { components.last ?? "" }

    /// The folders leading to the file, outermost first.
    var directories: ArraySlice<String> { components.dropLast() }

    /// The last extension, lower-cased, without the dot ("" if none).
    var fileExtension: String {
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return "" }
        return fileName[fileName.index(after: dot)...].lowercased()
    }

    /// The file name without its last extension.
    var stem: String {
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return fileName }
        return String(fileName[..<dot])
    }
}
