import Foundation

/// Durations as config files write them: "500ms", "30s", "5m", "2h", "1d", or a number of seconds.
enum DurationText {
    static func parse(_ text: String) -> Duration? {
        let units: [(suffix: String, seconds: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400)]
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for unit in units where trimmed.hasSuffix(unit.suffix) {
            guard let value = Double(trimmed.dropLast(unit.suffix.count)), value >= 0 else { return nil }
            return .milliseconds(Int64((value * unit.seconds * 1000).rounded()))
        }
        return Double(trimmed).flatMap { $0 >= 0 ? .milliseconds(Int64(($0 * 1000).rounded())) : nil }
    }
}
