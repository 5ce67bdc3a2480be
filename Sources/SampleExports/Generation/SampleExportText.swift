import Foundation

/// Text formatting shared by file names and plan files.
enum SampleExportText {
    /// `value` in decimal, zero-padded to `width` digits.
    static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// `text` safe inside XML character data and attribute values.
    static func xmlEscaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Acquisition times in UTC, ISO 8601: a fixed start (2024-03-01T09:00:00Z) keeps exports reproducible.
    static func timestamp(secondsAfterStart seconds: Int) -> String {
        var time = time_t(1_709_283_600 + seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        let date = [padded(Int(parts.tm_year) + 1900, width: 4), padded(Int(parts.tm_mon) + 1, width: 2), padded(Int(parts.tm_mday), width: 2)]
        let clock = [padded(Int(parts.tm_hour), width: 2), padded(Int(parts.tm_min), width: 2), padded(Int(parts.tm_sec), width: 2)]
        return date.joined(separator: "-") + "T" + clock.joined(separator: ":") + "Z"
    }
}
