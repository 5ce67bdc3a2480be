extension JSONValue {
    /// Compact JSON text: no whitespace, keys in insertion order.
    ///
    /// Non-finite doubles have no JSON number form; they are written as the strings
    /// "NaN", "Infinity" and "-Infinity", the convention Zarr uses for fill values.
    public func serialized() -> String {
        var output = ""
        write(to: &output, indent: nil, depth: 0)
        return output
    }

    /// Pretty JSON text with a 2-space indent, keys in insertion order.
    public func prettySerialized() -> String {
        var output = ""
        write(to: &output, indent: "  ", depth: 0)
        return output
    }

    /// UTF-8 bytes of the pretty form followed by a newline, as metadata files are stored.
    public func prettyBytes() -> [UInt8] {
        Array((prettySerialized() + "\n").utf8)
    }

    private func write(to output: inout String, indent: String?, depth: Int) {
        switch self {
        case .null:
            output += "null"
        case let .bool(value):
            output += value ? "true" : "false"
        case let .int(value):
            output += String(value)
        case let .double(value):
            output += Self.numberText(value)
        case let .string(value):
            Self.writeString(value, to: &output)
        case let .array(elements):
            writeContainer(open: "[", close: "]", items: elements, to: &output, indent: indent, depth: depth) { element, output in
                element.write(to: &output, indent: indent, depth: depth + 1)
            }
        case let .object(object):
            let separator = indent == nil ? ":" : ": "
            writeContainer(open: "{", close: "}", items: object.entries, to: &output, indent: indent, depth: depth) { entry, output in
                Self.writeString(entry.key, to: &output)
                output += separator
                entry.value.write(to: &output, indent: indent, depth: depth + 1)
            }
        }
    }

    private func writeContainer<Item>(
        open: String, close: String, items: [Item], to output: inout String, indent: String?, depth: Int,
        writeItem: (Item, inout String) -> Void
    ) {
        output += open
        guard !items.isEmpty else {
            output += close
            return
        }
        for (position, item) in items.enumerated() {
            if position > 0 { output += "," }
            if let indent {
                output += "\n" + String(repeating: indent, count: depth + 1)
            }
            writeItem(item, &output)
        }
        if let indent {
            output += "\n" + String(repeating: indent, count: depth)
        }
        output += close
    }

    /// Shortest text that parses back to the same double; integral values keep a ".0" so they stay floats.
    static func numberText(_ value: Double) -> String {
        guard value.isFinite else {
            return value.isNaN ? "\"NaN\"" : (value < 0 ? "\"-Infinity\"" : "\"Infinity\"")
        }
        // Swift's description is the shortest round-trip form: "1.0", "0.325", "1e-05", "1e+16".
        return value.description
    }

    /// RFC 8259 §7: quote, backslash and control characters must be escaped; everything else is literal UTF-8.
    static func writeString(_ value: String, to output: inout String) {
        output += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16, uppercase: false)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
