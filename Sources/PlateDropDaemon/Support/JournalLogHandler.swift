import Foundation
import Logging

/// A swift-log handler for a daemon whose stderr systemd connects to the journal: one line per event,
/// `<N>label: message key=value ...`.
///
/// `<N>` is the sd-daemon(3) priority prefix, which journald turns into the entry's priority and strips
/// (`SyslogLevelPrefix=`, on by default). There is no timestamp: the journal records its own
/// (docs/operations.md §5). Line breaks and other control characters are escaped, so one event is one journal
/// entry. Lines go out through write(2), because Swift 6 rejects the C `stderr` global (docs/operations.md §5).
public struct JournalLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    private let label: String
    private let fileDescriptor: Int32

    /// - Parameters:
    ///   - label: The logger's label, printed before each message.
    ///   - fileDescriptor: Where lines go; standard error unless a test captures them.
    public init(
        label: String,
        fileDescriptor: Int32 = STDERR_FILENO,
        logLevel: Logger.Level = .info,
        metadataProvider: Logger.MetadataProvider? = LoggingSystem.metadataProvider
    ) {
        self.label = label
        self.fileDescriptor = fileDescriptor
        self.logLevel = logLevel
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        writeLine(Array(line(for: event).utf8))
    }

    /// The journal line for `event`, newline included. Metadata comes from the handler, then the
    /// provider, then the event, later values replacing earlier ones for the same key.
    private func line(for event: LogEvent) -> String {
        var fields = metadata
        if let provided = metadataProvider?.get() {
            fields.merge(provided) { _, provided in provided }
        }
        if let explicit = event.metadata {
            fields.merge(explicit) { _, explicit in explicit }
        }
        if let error = event.error {
            fields["error"] = "\(error)"
        }

        var line = "<\(Self.priority(event.level))>"
        if !label.isEmpty {
            line += Self.escaped(label) + ": "
        }
        line += Self.escaped(event.message.description)
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            line += " " + Self.escaped(key) + "=" + Self.quotedIfNeeded(Self.escaped(value.description))
        }
        return line + "\n"
    }

    /// sd-daemon(3) priorities, the syslog levels: 2 critical, 3 error, 4 warning, 5 notice, 6 info,
    /// 7 debug. swift-log's trace has no syslog level below debug.
    private static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .critical: 2
        case .error: 3
        case .warning: 4
        case .notice: 5
        case .info: 6
        case .debug, .trace: 7
        }
    }

    /// Escapes the backslash and every control character, so the text stays on one line and the
    /// original can be read back: `\n`, `\r`, `\t`, `\\`, and `\xHH` for the others.
    private static func escaped(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                result += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16, uppercase: true)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Quotes a metadata value that would otherwise not read back as one `key=value` token.
    private static func quotedIfNeeded(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Writes the whole line, retrying after signals and short writes. A failure is dropped: there is
    /// nowhere left to report it.
    private func writeLine(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(fileDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }
}
