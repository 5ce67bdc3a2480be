internal import CTIFF

/// An open libtiff handle with the error buffer bound to it alone (never libtiff's process-global
/// handler). The handle is closed before the buffer is freed, since closing may still report errors.
struct LibTIFFHandle: ~Copyable {
    let raw: OpaquePointer
    private let errors: UnsafeMutablePointer<ctiff_errbuf>

    /// Opens `path` with a libtiff mode string; on failure returns nil and sets `failureMessage` to libtiff's reason.
    init?(path: String, mode: String, failureMessage: inout String?) {
        let errors = UnsafeMutablePointer<ctiff_errbuf>.allocate(capacity: 1)
        errors.initialize(to: ctiff_errbuf())
        guard let raw = ctiff_open(path, mode, errors) else {
            failureMessage = Self.firstMessage(in: errors)
            errors.deallocate()
            return nil
        }
        self.raw = raw
        self.errors = errors
    }

    deinit {
        TIFFClose(raw)
        errors.deallocate()
    }

    /// Forgets earlier errors so the next failure reports its own cause.
    func resetErrors() {
        errors.pointee.count = 0
    }

    /// Number of errors libtiff reported since the last reset.
    var errorCount: Int { Int(errors.pointee.count) }

    /// The first error libtiff reported since the last reset, if any.
    var firstError: String? { Self.firstMessage(in: errors) }

    private static func firstMessage(in errors: UnsafeMutablePointer<ctiff_errbuf>) -> String? {
        guard errors.pointee.count > 0 else { return nil }
        return withUnsafeBytes(of: errors.pointee.first) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
