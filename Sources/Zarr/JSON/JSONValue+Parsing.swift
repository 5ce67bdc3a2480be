extension JSONValue {
    /// Parses UTF-8 JSON text strictly; `source` names the file in error messages.
    public init(parsing bytes: [UInt8], source: String = "JSON text") throws(ZarrError) {
        var parser = JSONParser(bytes: bytes, source: source)
        self = try parser.parseDocument()
    }

    /// Parses JSON text strictly; `source` names the file in error messages.
    public init(parsing text: String, source: String = "JSON text") throws(ZarrError) {
        try self.init(parsing: Array(text.utf8), source: source)
    }
}
