/// The Zarr storage specification version of a node.
public enum ZarrFormat: Int, Sendable, Hashable {
    case v2 = 2
    case v3 = 3
}
