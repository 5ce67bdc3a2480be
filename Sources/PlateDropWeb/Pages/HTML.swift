import Foundation

/// HTML text: every value from the catalogue or the file system goes through `escape` (plate names are
/// folder names, which anyone who can write to a watched folder chooses).
enum HTML {
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// A whole page: inline style, `body`, and the live-update script when `poll` names JSON to watch.
    /// Nothing is loaded from elsewhere, as the machines it runs on are often offline.
    static func page(title: String, body: String, poll: [String] = []) -> String {
        let live = poll.isEmpty ? "" : " data-poll=\"\(escape(poll.joined(separator: " ")))\""
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
            <title>\(escape(title))</title><style>\(PageStyle.css)</style></head>
            <body><main id="live"\(live)>
            \(body)
            </main>\(poll.isEmpty ? "" : "<script>\(LiveUpdate.script)</script>")</body></html>

            """
    }

    /// A moment as UTC ISO 8601, to the second.
    static func time(_ seconds: Double) -> String {
        Date(timeIntervalSince1970: seconds.rounded()).ISO8601Format()
    }

    /// A byte count in binary units ("12.3 GiB").
    static func bytes(_ count: UInt64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
        var value = Double(count), unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(count) B" : String(format: "%.1f %@", value, units[unit])
    }
}
