import Foundation

extension MetaSeriesMetadata {
    /// `raw` unless it is absent or only white space.
    static func nonEmpty(_ raw: String?) -> String? {
        guard let raw, !raw.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return raw
    }

    /// A finite decimal number, e.g. "1.3668" or "79813.4".
    static func number(_ raw: String) -> Double? {
        guard let value = Double(raw.trimmingCharacters(in: .whitespaces)), value.isFinite else { return nil }
        return value
    }

    /// Seconds since 1970 for a MetaSeries time such as "20230221 10:41:56.561", read as UTC
    /// because the file gives no zone; nil when the text has another shape or names no real date.
    static func unixSeconds(metaSeriesTime raw: String) -> Double? {
        let parts = raw.trimmingCharacters(in: .whitespaces).split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].count == 8, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let date = parts[0]
        let clock = parts[1].split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 3, let year = Int(date.prefix(4)), let month = Int(date.dropFirst(4).prefix(2)),
              let day = Int(date.suffix(2)), let hour = Int(clock[0]), let minute = Int(clock[1]),
              let second = Double(clock[2]), second.isFinite, (0..<61).contains(second),
              (0..<24).contains(hour), (0..<60).contains(minute)
        else { return nil }
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute)
        guard components.isValidDate(in: utcCalendar), let start = utcCalendar.date(from: components) else { return nil }
        return start.timeIntervalSince1970 + second
    }

    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar
    }()
}
