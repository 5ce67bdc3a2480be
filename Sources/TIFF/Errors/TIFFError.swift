/// A TIFF file that could not be read or written: the file's path and what was expected versus found.
public struct TIFFError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong. Page numbers are 0-based, as in the reader API.
    public enum Kind: Sendable, Equatable {
        /// The operating system refused to open the file.
        case cannotOpen(reason: String)
        /// The file has no bytes at all.
        case emptyFile
        /// The file does not start with a TIFF or BigTIFF header; `signature` shows its first bytes.
        case notTIFF(signature: String)
        /// The header is valid but libtiff rejected the directory structure.
        case malformed(detail: String)
        /// A page lacks a tag that TIFF 6.0 requires (§8, baseline fields).
        case missingTag(page: Int, tag: String)
        /// A page uses a property PlateDrop does not read.
        case unsupported(page: Int, property: String, found: String, expected: String)
        /// A directory or pixel block lies (partly) beyond the end of the file.
        case truncated(page: Int, detail: String)
        /// Pixel data inside the file could not be decoded.
        case corrupt(page: Int, detail: String)
        /// The requested page does not exist.
        case pageOutOfRange(page: Int, count: Int)
        /// The caller's destination buffer has the wrong size.
        case bufferSize(expected: Int, found: Int)
        /// The writer was given inconsistent pixels or options.
        case invalidInput(detail: String)
        /// libtiff or the file system failed while writing.
        case writeFailed(detail: String)

        /// The human-readable part of the description, after the path.
        var message: String {
            switch self {
            case .cannotOpen(let reason):
                "cannot open the file: \(reason)"
            case .emptyFile:
                "the file is empty (0 bytes; expected a TIFF header), it may not have been copied yet"
            case .notTIFF(let signature):
                "not a TIFF file (starts with \(signature); expected II*\\0 or MM\\0*, or II+\\0 or MM\\0+ for BigTIFF)"
            case .malformed(let detail):
                "damaged TIFF structure: \(detail)"
            case .missingTag(let page, let tag):
                "page \(page) has no \(tag) tag, which every TIFF image must have"
            case .unsupported(let page, let property, let found, let expected):
                "\(page > 0 ? "page \(page): " : "")unsupported \(property) \(found) (expected \(expected))"
            case .truncated(let page, let detail):
                "truncated in page \(page): \(detail); the file may still be being copied"
            case .corrupt(let page, let detail):
                "cannot decode page \(page): \(detail)"
            case .pageOutOfRange(let page, let count):
                "page \(page) does not exist (the file has \(count) page\(count == 1 ? "" : "s"), numbered from 0)"
            case .bufferSize(let expected, let found):
                "the destination buffer holds \(found) bytes but the page needs \(expected) (width × height × bytes per sample)"
            case .invalidInput(let detail):
                "nothing written: \(detail)"
            case .writeFailed(let detail):
                "writing failed: \(detail)"
            }
        }
    }

    /// The file the error is about.
    public let path: String
    /// What went wrong.
    public let kind: Kind

    /// Creates an error for `path`.
    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }

    /// A message that names the file and says what was expected versus found.
    public var description: String {
        "\(path): \(kind.message)"
    }
}
