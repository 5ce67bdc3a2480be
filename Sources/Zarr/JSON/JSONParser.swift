/// Strict RFC 8259 recursive-descent parser.
///
/// Written by hand because Foundation's JSONSerialization on Linux cannot tell `true` from `1`,
/// and Zarr metadata depends on that difference (bool fill values, integer shapes).
struct JSONParser {
    /// Nesting deeper than this is rejected instead of risking stack exhaustion.
    static let maximumDepth = 512

    private let bytes: [UInt8]
    private let source: String
    private var position = 0

    init(bytes: [UInt8], source: String) {
        self.bytes = bytes
        self.source = source
    }

    /// Parses one complete document; anything but whitespace after it is an error.
    mutating func parseDocument() throws(ZarrError) -> JSONValue {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            position = 3  // RFC 8259 §8.1 lets parsers ignore a byte order mark.
        }
        skipWhitespace()
        let value = try parseValue(depth: 0)
        skipWhitespace()
        guard position == bytes.count else {
            throw failure(expected: "end of input after the JSON value")
        }
        return value
    }

    private mutating func parseValue(depth: Int) throws(ZarrError) -> JSONValue {
        guard depth < Self.maximumDepth else {
            throw failure(expected: "nesting of at most \(Self.maximumDepth) levels")
        }
        guard position < bytes.count else { throw failure(expected: "a JSON value") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw failure(expected: "a JSON value")
        }
    }

    private mutating func parseObject(depth: Int) throws(ZarrError) -> JSONValue {
        position += 1
        var object = JSONObject()
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return .object(object) }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw failure(expected: "a quoted member name")
            }
            let key = try parseString()
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { throw failure(expected: "':' after a member name") }
            skipWhitespace()
            object[key] = try parseValue(depth: depth + 1)
            skipWhitespace()
            if consume(UInt8(ascii: "}")) { return .object(object) }
            guard consume(UInt8(ascii: ",")) else { throw failure(expected: "',' or '}' in an object") }
        }
    }

    private mutating func parseArray(depth: Int) throws(ZarrError) -> JSONValue {
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            if consume(UInt8(ascii: "]")) { return .array(elements) }
            guard consume(UInt8(ascii: ",")) else { throw failure(expected: "',' or ']' in an array") }
        }
    }

    private mutating func parseString() throws(ZarrError) -> String {
        let start = position
        position += 1
        var utf8: [UInt8] = []
        while true {
            guard position < bytes.count else { throw failure(expected: "a closing '\"'") }
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                guard let text = String(validating: utf8, as: UTF8.self) else {
                    position = start
                    throw failure(expected: "a string of valid UTF-8")
                }
                return text
            case UInt8(ascii: "\\"):
                position += 1
                try parseEscape(into: &utf8)
            case 0..<0x20:
                throw failure(expected: "an escaped control character")
            default:
                utf8.append(byte)
                position += 1
            }
        }
    }

    private mutating func parseEscape(into utf8: inout [UInt8]) throws(ZarrError) {
        guard position < bytes.count else { throw failure(expected: "an escape sequence") }
        let simple: UInt8? = switch bytes[position] {
        case UInt8(ascii: "\""): UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): UInt8(ascii: "\\")
        case UInt8(ascii: "/"): UInt8(ascii: "/")
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "t"): 0x09
        default: nil
        }
        if let simple {
            utf8.append(simple)
            position += 1
            return
        }
        guard bytes[position] == UInt8(ascii: "u") else {
            throw failure(expected: "one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u")
        }
        position += 1
        var code = try parseHexQuad()
        if (0xD800..<0xDC00).contains(code) {
            // RFC 8259 §7: characters outside the BMP are a surrogate pair of two \u escapes.
            guard consume(UInt8(ascii: "\\")), consume(UInt8(ascii: "u")) else {
                throw failure(expected: "a low surrogate \\u escape after a high surrogate")
            }
            let low = try parseHexQuad()
            guard (0xDC00..<0xE000).contains(low) else {
                throw failure(expected: "a low surrogate (DC00–DFFF)")
            }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00..<0xE000).contains(code) {
            throw failure(expected: "a high surrogate before a low surrogate")
        }
        guard let scalar = Unicode.Scalar(code) else { throw failure(expected: "a Unicode scalar value") }
        UTF8.encode(scalar) { utf8.append($0) }
    }

    private mutating func parseHexQuad() throws(ZarrError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard position < bytes.count else { throw failure(expected: "four hex digits") }
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure(expected: "a hex digit")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    /// RFC 8259 §6 grammar: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
    private mutating func parseNumber() throws(ZarrError) -> JSONValue {
        let start = position
        _ = consume(UInt8(ascii: "-"))
        if consume(UInt8(ascii: "0")) {
            if position < bytes.count, isDigit(bytes[position]) {
                throw failure(expected: "no leading zeros in a number")
            }
        } else {
            guard consumeDigits() > 0 else { throw failure(expected: "a digit") }
        }
        var isInteger = true
        if consume(UInt8(ascii: ".")) {
            isInteger = false
            guard consumeDigits() > 0 else { throw failure(expected: "a digit after '.'") }
        }
        if consume(UInt8(ascii: "e")) || consume(UInt8(ascii: "E")) {
            isInteger = false
            if !consume(UInt8(ascii: "+")) { _ = consume(UInt8(ascii: "-")) }
            guard consumeDigits() > 0 else { throw failure(expected: "a digit in the exponent") }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if isInteger, let integer = Int64(text) {
            return .int(integer)
        }
        // Integers beyond Int64 fall back to the nearest double, as most JSON readers do.
        guard let double = Double(text), double.isFinite else {
            position = start
            throw failure(expected: "a number within the range of a double")
        }
        return .double(double)
    }

    private mutating func consumeDigits() -> Int {
        let start = position
        while position < bytes.count, isDigit(bytes[position]) {
            position += 1
        }
        return position - start
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(ZarrError) {
        let count = literal.utf8CodeUnitCount
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: count)
        guard position + count <= bytes.count, bytes[position..<position + count].elementsEqual(expected) else {
            throw failure(expected: "\"\(literal)\"")
        }
        position += count
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private func failure(expected: String) -> ZarrError {
        let found: String
        if position >= bytes.count {
            found = "end of input"
        } else {
            let byte = bytes[position]
            found = (0x20..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
        }
        return ZarrError(path: source, .invalidJSON(offset: position, expected: expected, found: found))
    }
}
