import Foundation

/// Text formatting shared by file names and plan files.
enum SampleExportText {
    /// The generator's fixed start, 2024-03-01 09:00:00 UTC, in seconds since 1970: exports are reproducible.
    static let startSeconds = 1_709_283_600

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
        let parts = clock(secondsAfterStart: seconds)
        return "\(parts.year)-\(parts.month)-\(parts.day)T\(parts.hour):\(parts.minute):\(parts.second)Z"
    }

    /// "2024-03-01": the MetaXpress database's date folder.
    static func date(secondsAfterStart seconds: Int) -> String {
        let parts = clock(secondsAfterStart: seconds)
        return "\(parts.year)-\(parts.month)-\(parts.day)"
    }

    /// "20240301_090000": the CellVoyager measurement folder's stamp.
    static func compactStamp(secondsAfterStart seconds: Int) -> String {
        let parts = clock(secondsAfterStart: seconds)
        return "\(parts.year)\(parts.month)\(parts.day)_\(parts.hour)\(parts.minute)\(parts.second)"
    }

    /// "20240301 09:00:00.250": MetaSeries `acquisition-time-local`, with milliseconds.
    static func metaSeriesTime(millisecondsAfterStart milliseconds: Int) -> String {
        let parts = clock(secondsAfterStart: milliseconds / 1000)
        return "\(parts.year)\(parts.month)\(parts.day) \(parts.hour):\(parts.minute):\(parts.second)."
            + padded(milliseconds % 1000, width: 3)
    }

    /// ("2024/03/01", "09:00:00", ".250"): the first three fields of a CellVoyager trace-log line.
    static func traceTime(millisecondsAfterStart milliseconds: Int) -> (date: String, time: String, fraction: String) {
        let parts = clock(secondsAfterStart: milliseconds / 1000)
        return ("\(parts.year)/\(parts.month)/\(parts.day)", "\(parts.hour):\(parts.minute):\(parts.second)",
                "." + padded(milliseconds % 1000, width: 3))
    }

    /// An upper-case GUID (8-4-4-4-12 hex digits) that depends only on `components`.
    static func guid(mixing components: [Int]) -> String {
        var random = SeededGenerator(mixing: components)
        let hex = (0..<2).map { _ in
            let text = String(random.next(), radix: 16, uppercase: true)
            return String(repeating: "0", count: 16 - text.count) + text
        }.joined()
        var start = hex.startIndex
        return [8, 4, 4, 4, 12].map { length in
            let end = hex.index(start, offsetBy: length)
            defer { start = end }
            return String(hex[start..<end])
        }.joined(separator: "-")
    }

    private static func clock(secondsAfterStart seconds: Int) -> (year: String, month: String, day: String,
                                                                   hour: String, minute: String, second: String) {
        var time = time_t(startSeconds + seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return (padded(Int(parts.tm_year) + 1900, width: 4), padded(Int(parts.tm_mon) + 1, width: 2),
                padded(Int(parts.tm_mday), width: 2), padded(Int(parts.tm_hour), width: 2),
                padded(Int(parts.tm_min), width: 2), padded(Int(parts.tm_sec), width: 2))
    }
}
