import Foundation

/// Reading plan files: bytes, byte-order marks, vendor time stamps.
enum PlanFile {
    /// The bytes of the file at `path`.
    static func contents(of path: String) throws(LayoutError) -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, found: error.localizedDescription)
        }
    }

    /// `data` without a leading UTF-8 byte-order mark (the CV8000 mrf starts with one, docs/layouts.md §1.3).
    static func withoutByteOrderMark(_ data: Data) -> Data {
        data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data
    }

    /// Seconds since 1970 for an ISO 8601 time with zone, e.g. "2023-09-18T13:58:44.438+02:00".
    static func unixSeconds(iso8601 text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        if let date = try? style.parse(trimmed) { return date.timeIntervalSince1970 }
        return (try? Date.ISO8601FormatStyle().parse(trimmed))?.timeIntervalSince1970
    }

    /// The directory that holds `path`.
    static func directory(of path: String) -> String {
        (path as NSString).deletingLastPathComponent
    }

    /// A path from a plan's text made relative and `/`-separated: Windows backslashes become `/`
    /// (docs/layouts.md §1.4, bioformats#4485); an absolute path keeps only its file name, since it points
    /// at the acquisition computer and the file is looked up beside the plan.
    static func relativeImagePath(_ raw: String) -> String {
        let slashed = raw.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\\", with: "/")
        let isAbsolute = slashed.hasPrefix("/") || slashed.contains("://")
            || (slashed.count > 1 && slashed.dropFirst().first == ":")
        let parts = slashed.split(separator: "/").map(String.init).filter { $0 != "." }
        return isAbsolute ? (parts.last ?? "") : parts.joined(separator: "/")
    }
}
