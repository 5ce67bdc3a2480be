import Foundation

/// `min_free`: the room a file system must keep for the daemon to start writing a well. Written as bytes with
/// an optional unit ("2GiB", "500MB", "1048576") or as a share of the file system's size ("5%").
public enum FreeSpaceThreshold: Sendable, Hashable {
    case bytes(Int64)
    /// Percent of the file system's size, 0 to 100.
    case percent(Double)

    private static let units: [(suffix: String, factor: Double)] = [
        ("kib", 1024), ("mib", 1024 * 1024), ("gib", 1024 * 1024 * 1024), ("tib", 1024 * 1024 * 1024 * 1024),
        ("kb", 1e3), ("mb", 1e6), ("gb", 1e9), ("tb", 1e12), ("b", 1),
    ]

    /// The threshold `text` writes, or nil when it is not one.
    public static func parse(_ text: String) -> FreeSpaceThreshold? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed.hasSuffix("%") {
            guard let share = Double(trimmed.dropLast().trimmingCharacters(in: .whitespaces)), (0...100).contains(share)
            else { return nil }
            return .percent(share)
        }
        let unit = units.first { trimmed.hasSuffix($0.suffix) } ?? (suffix: "", factor: 1)
        guard let value = Double(trimmed.dropLast(unit.suffix.count).trimmingCharacters(in: .whitespaces)), value >= 0,
              value * unit.factor < Double(Int64.max) else { return nil }
        return .bytes(Int64((value * unit.factor).rounded()))
    }

    /// The threshold in bytes on a file system of `size` bytes.
    public func bytes(ofFileSystemSize size: Int64) -> Int64 {
        switch self {
        case let .bytes(bytes): bytes
        case let .percent(share): Int64((Double(size) * share / 100).rounded(.up))
        }
    }
}
