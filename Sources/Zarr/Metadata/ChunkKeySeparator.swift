/// The character between chunk key components.
public enum ChunkKeySeparator: String, Sendable, Hashable {
    case slash = "/"
    case dot = "."
}
