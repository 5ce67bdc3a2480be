import TIFF

/// A synthetic export that could not be generated: the path concerned and what was expected versus found.
public struct SampleExportError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// A spec value is out of the range the layout's naming can express.
        case invalidSpec(property: String, expected: String, found: String)
        /// An image file could not be written.
        case image(TIFFError)
        /// A folder or plan file could not be written.
        case cannotWrite(reason: String)
    }

    /// The export root, image or plan file concerned.
    public let path: String
    /// What went wrong.
    public let kind: Kind

    /// Creates an error for `path`.
    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }

    /// A message that names the file or folder and says what was expected versus found.
    public var description: String {
        switch kind {
        case .invalidSpec(let property, let expected, let found):
            "\(path): export not generated: \(property) is \(found) (expected \(expected))"
        case .image(let error):
            error.description
        case .cannotWrite(let reason):
            "\(path): cannot write: \(reason)"
        }
    }
}
