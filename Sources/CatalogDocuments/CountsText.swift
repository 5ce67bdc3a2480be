import Foundation

/// Counts by state as the CLI and the web view print them: "2 rejected, 5 written", in name order.
public enum CountsText {
    public static func summary(_ counts: [String: Int]) -> String {
        counts.isEmpty ? "none" : counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
    }

    /// "1.5 GiB": a size in binary units.
    public static func bytes(_ count: Int64) -> String {
        ByteCountFormatter.string(fromByteCount: count, countStyle: .binary)
    }
}
