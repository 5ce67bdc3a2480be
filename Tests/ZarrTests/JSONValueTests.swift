import Testing
import Zarr

@Suite("JSONValue")
struct JSONValueTests {
    @Test("dictionary literals keep insertion order when serialised")
    func literalOrder() {
        let value: JSONValue = ["zeta": 1, "alpha": [true, false, nil], "mid": ["b": 2.5, "a": "x"]]
        #expect(value.serialized() == #"{"zeta":1,"alpha":[true,false,null],"mid":{"b":2.5,"a":"x"}}"#)
    }

    @Test("pretty form uses a 2-space indent and empty containers stay inline")
    func pretty() {
        let value: JSONValue = ["a": [1, 2], "b": [:], "c": []]
        #expect(value.prettySerialized() == """
            {
              "a": [
                1,
                2
              ],
              "b": {},
              "c": []
            }
            """)
    }

    @Test("doubles print shortest round-trip and whole doubles keep .0", arguments: [
        (1.0, "1.0"), (0.325, "0.325"), (-0.0, "-0.0"), (1e-5, "1e-05"), (65535.0, "65535.0"),
        (0.1 + 0.2, "0.30000000000000004"), (1e300, "1e+300"),
    ])
    func doubles(value: Double, text: String) throws {
        #expect(JSONValue.double(value).serialized() == text)
        #expect(try JSONValue(parsing: text) == .double(value))
    }

    @Test("non-finite doubles serialise as the Zarr fill-value strings")
    func nonFinite() {
        #expect(JSONValue.double(.nan).serialized() == #""NaN""#)
        #expect(JSONValue.double(-.infinity).serialized() == #""-Infinity""#)
    }

    @Test("strings escape quotes, backslashes and control characters; other text stays literal")
    func escapes() throws {
        let value = JSONValue.string("q\"b\\n\nt\tc\u{01}f\u{0C}é🙂/")
        #expect(value.serialized() == #""q\"b\\n\nt\tc\u0001f\fé🙂/""#)
        #expect(try JSONValue(parsing: value.serialized()) == value)
    }

    @Test("parser decodes escapes including surrogate pairs")
    func parseEscapes() throws {
        let parsed = try JSONValue(parsing: #"["\u00e9\ud83d\ude42\/\b\r", "\u0041"]"#)
        #expect(parsed == ["é🙂/\u{08}\r", "A"])
    }

    @Test("integers and doubles stay distinct, booleans are not numbers")
    func numberKinds() throws {
        let parsed = try JSONValue(parsing: #"{"i": 3, "d": 3.0, "e": 1E2, "b": true, "n": -9223372036854775808, "big": 18446744073709551615}"#)
        #expect(parsed["i"] == .int(3))
        #expect(parsed["d"] == .double(3.0))
        #expect(parsed["e"] == .double(100))
        #expect(parsed["b"] == .bool(true))
        #expect(parsed["n"] == .int(.min))
        #expect(parsed["big"] == .double(18446744073709551615.0))
    }

    @Test("nested documents round-trip through both forms")
    func roundTrip() throws {
        let value: JSONValue = [
            "multiscales": [["axes": [["name": "c", "type": "channel"]], "datasets": [["path": "0", "scale": [1.0, 0.325]]]]],
            "omero": ["channels": [["active": true, "window": ["min": 0, "max": 65535]]]],
            "empty": nil,
        ]
        #expect(try JSONValue(parsing: value.serialized()) == value)
        #expect(try JSONValue(parsing: value.prettySerialized()).serialized() == value.serialized())
    }

    @Test("object equality ignores key order but serialisation keeps it")
    func objectEquality() throws {
        let first = try JSONValue(parsing: #"{"a":1,"b":2}"#)
        let second = try JSONValue(parsing: #"{"b":2,"a":1}"#)
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        #expect(first.serialized() != second.serialized())
    }

    @Test("subscript assignment appends, replaces in place, and removes")
    func mutation() {
        var value: JSONValue = ["a": 1, "b": 2, "c": 3]
        value["b"] = "two"
        value["d"] = 4
        value["a"] = nil
        #expect(value.serialized() == #"{"b":"two","c":3,"d":4}"#)
        var fresh = JSONValue.null
        fresh["x"] = [1]
        #expect(fresh.serialized() == #"{"x":[1]}"#)
        #expect(fresh["x"]?[0]?.intValue == 1)
        #expect(fresh["missing"] == nil)
    }

    @Test("a repeated key keeps its first position and the last value")
    func duplicateKeys() throws {
        #expect(try JSONValue(parsing: #"{"a":1,"b":2,"a":3}"#).serialized() == #"{"a":3,"b":2}"#)
    }

    @Test("invalid documents are rejected with the offset", arguments: [
        ("", 0), ("[1,]", 3), ("{\"a\" 1}", 5), ("01", 1), ("1.", 2), ("-", 1), ("tru", 0), ("nul", 0),
        ("[1] x", 4), ("\"abc", 4), ("\"a\u{01}\"", 2), (#""\x""#, 2), (#""\ud800""#, 7), (#""\udc00""#, 7),
        ("NaN", 0), ("{\"a\":1,}", 7), ("[", 1), ("1e", 2), ("1e999", 0), ("{1:2}", 1),
    ])
    func invalid(text: String, offset: Int) {
        #expect {
            try JSONValue(parsing: text, source: "test.json")
        } throws: { error in
            guard let error = error as? ZarrError, case let .invalidJSON(found, _, _) = error.kind else { return false }
            return found == offset && error.path == "test.json" && error.description.contains("test.json")
        }
    }

    @Test("invalid UTF-8 inside a string is rejected")
    func invalidUTF8() {
        #expect(throws: ZarrError.self) { try JSONValue(parsing: [0x22, 0xC3, 0x28, 0x22]) }
    }

    @Test("excessive nesting is rejected instead of overflowing the stack")
    func depthLimit() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: ZarrError.self) { try JSONValue(parsing: deep) }
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect((try? JSONValue(parsing: fine)) != nil)
    }

    @Test("a UTF-8 byte order mark and surrounding whitespace are accepted")
    func byteOrderMark() throws {
        #expect(try JSONValue(parsing: [0xEF, 0xBB, 0xBF] + Array(" \n\t{\"a\":true}\r\n".utf8)) == ["a": true])
    }
}
