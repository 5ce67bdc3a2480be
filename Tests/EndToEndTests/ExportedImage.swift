/// One TIFF a sample export should contain, with the plane it holds (all indices 0-based).
struct ExportedImage: Sendable, Hashable {
    let relativePath: String
    let well: PlateWell
    let field: Int
    let channel: Int
    let z: Int
    let t: Int
}
