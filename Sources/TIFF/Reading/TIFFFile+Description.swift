internal import CTIFF

extension TIFFFile {
    /// The ImageDescription tag (270) of `page` (0-based) as text, or nil when the page has none.
    ///
    /// Instrument software puts its per-plane metadata here (MetaXpress writes MetaSeries XML).
    /// Bytes that are not valid UTF-8 are read as Latin-1, which older Windows acquisition software
    /// writes, so the text is never lost. Works on pages whose pixels PlateDrop cannot read.
    public func imageDescription(page: Int = 0) throws(TIFFError) -> String? {
        guard page >= 0, page < pageCount else {
            throw TIFFError(path: path, kind: .pageOutOfRange(page: page, count: pageCount))
        }
        libtiff.resetErrors()
        // Not `selectPage`: that also checks the pixel layout, which the description does not depend on.
        guard TIFFSetDirectory(libtiff.raw, tdir_t(page)) != 0 else {
            throw TIFFFileDiagnosis.diagnose(path: path, libtiffMessage: libtiff.firstError)
        }
        let handle = libtiff.raw
        var text: UnsafeMutablePointer<CChar>?
        // TIFFGetField is variadic, which Swift cannot call; TIFFVGetField takes the same argument as a va_list.
        let found = withUnsafeMutablePointer(to: &text) { slot in
            withVaList([slot]) { TIFFVGetField(handle, UInt32(TIFFTAG_IMAGEDESCRIPTION), $0) }
        }
        guard found != 0, let text else { return nil }
        // libtiff keeps ASCII tags NUL-terminated; the pointer stays valid only until the directory changes.
        var length = 0
        while text[length] != 0 { length += 1 }
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self), count: length)
        return Self.decodeDescription(bytes)
    }

    /// UTF-8 when the bytes are valid UTF-8, otherwise Latin-1 (every byte is one code point).
    private static func decodeDescription(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if let utf8 = String(validating: bytes, as: UTF8.self) { return utf8 }
        var latin1 = String.UnicodeScalarView()
        latin1.append(contentsOf: bytes.map { Unicode.Scalar($0) })
        return String(latin1)
    }
}
