import Foundation

/// Writing to the standard streams without touching C's `stderr` global (not concurrency-safe in Swift 6).
enum Terminal {
    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
