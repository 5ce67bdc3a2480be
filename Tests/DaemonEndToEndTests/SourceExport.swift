import Foundation
import SampleExports
import TIFF

/// A synthetic instrument export generated outside the watched folder, delivered into it by the tests
/// file by file (or all at once) to play the instrument.
struct SourceExport: Sendable {
    let spec: ExportSpec
    /// Where it was generated: `<sources>/<plate name>`.
    let root: String
    let images: [GeneratedImage]
    /// Plan files relative to `root`.
    let planFiles: [String]

    /// Generates a uint16 export of `wells` ("A1", "B3", …) on a 96-well plate, with `timepoints` timepoints,
    /// plan files included unless `plan` is false.
    init(layout: ExportLayout, plate: String, wells: [String], fields: Int = 2, channels: Int = 2, timepoints: Int = 1,
         size: Int = 128, plan: Bool = true, in sources: String) throws {
        spec = ExportSpec(layout: layout, plateName: plate, wells: wells.map(Self.wellIndex), fields: fields,
                          channels: channels, timepoints: timepoints, width: size, height: size, writePlan: plan)
        let generated = try SampleExportGenerator.generate(spec, into: sources + "/" + plate)
        root = generated.root
        images = generated.images
        planFiles = generated.planFiles
    }

    var plateName: String { spec.plateName }

    /// Wells as plates print them ("B3"), in the order the spec lists them.
    var wellNames: [String] { spec.wells.map { Self.wellName(row: $0.row, column: $0.column) } }

    func images(inWell name: String) -> [GeneratedImage] {
        images.filter { Self.wellName(of: $0) == name }
    }

    /// The images of 0-based timepoint `t`, every well.
    func images(atTimepoint t: Int) -> [GeneratedImage] {
        images.filter { $0.t == t }
    }

    /// Copies one file of the export to the same relative path under `destination`, creating folders.
    func deliver(_ relativePath: String, into destination: String) throws {
        let target = destination + "/" + relativePath
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: root + "/" + relativePath, toPath: target)
    }

    /// "B3" for the image's well.
    static func wellName(of image: GeneratedImage) -> String { wellName(row: image.row, column: image.column) }

    /// "B/3": the well's path in the plate store.
    static func wellPath(of name: String) -> String {
        let well = wellIndex(name)
        return rowName(well.row) + "/" + String(well.column + 1)
    }

    /// "B3" for 0-based row 1, column 2.
    static func wellName(row: Int, column: Int) -> String { rowName(row) + String(column + 1) }

    private static func rowName(_ row: Int) -> String { String(UnicodeScalar(UInt8(65 + row))) }

    /// "B3" → row 1, column 2 (single-letter rows: the tests use 96-well plates).
    private static func wellIndex(_ name: String) -> WellIndex {
        guard let letter = name.unicodeScalars.first, let number = Int(name.dropFirst()) else {
            preconditionFailure("not a well name: \(name)")
        }
        return WellIndex(row: Int(letter.value) - 65, column: number - 1)
    }
}
