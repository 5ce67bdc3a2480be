/// A platedrop.toml for one test: one `[[watch]]` per root, short quiet periods, a catalogue in the test folder.
struct FaultConfig: Sendable {
    struct Watch: Sendable {
        var id: String
        var path: String
        var output: String
        var layout = "auto"
        var quietPeriod = "1s"
        var poll = false
        var pollInterval = "1s"
    }

    struct Layout: Sendable {
        var name: String
        /// Written as a TOML literal string: must not contain `'`.
        var pattern: String
        var plate: String?
    }

    var catalog: String
    var plateTimeout = "1h"
    var rescanInterval = "10m"
    var onComplete: [String] = []
    var onFailure: [String] = []
    var onStall: [String] = []
    var onIncomplete: [String] = []
    var stallAfter: String?
    var minFree: String?
    var endMarker: String?
    var watches: [Watch] = []
    var layouts: [Layout] = []
    /// Extra `key = value` lines of `[output]`.
    var output: [String] = []

    var toml: String {
        var lines = ["[daemon]", "catalog = \(Self.quoted(catalog))", "plate_timeout = \(Self.quoted(plateTimeout))",
                     "rescan_interval = \(Self.quoted(rescanInterval))"]
        for (key, words) in [("on_complete", onComplete), ("on_failure", onFailure), ("on_stall", onStall),
                             ("on_incomplete", onIncomplete)] where !words.isEmpty {
            lines.append("\(key) = [" + words.map(Self.quoted).joined(separator: ", ") + "]")
        }
        if let stallAfter { lines.append("stall_after = \(Self.quoted(stallAfter))") }
        if let minFree { lines.append("min_free = \(Self.quoted(minFree))") }
        if let endMarker { lines.append("end_marker = \(Self.quoted(endMarker))") }
        for watch in watches {
            lines += ["", "[[watch]]", "id = \(Self.quoted(watch.id))", "path = \(Self.quoted(watch.path))",
                      "layout = \(Self.quoted(watch.layout))", "output = \(Self.quoted(watch.output))",
                      "quiet_period = \(Self.quoted(watch.quietPeriod))", "poll = \(watch.poll)",
                      "poll_interval = \(Self.quoted(watch.pollInterval))"]
        }
        lines += ["", "[output]"] + output
        for layout in layouts {
            lines += ["", "[[layout]]", "name = \(Self.quoted(layout.name))", "pattern = '\(layout.pattern)'"]
            if let plate = layout.plate { lines.append("plate = \(Self.quoted(plate))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A TOML basic string.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += String(format: "\\u%04X", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

import Foundation
