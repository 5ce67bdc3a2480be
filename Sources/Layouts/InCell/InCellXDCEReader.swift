import Foundation

/// Reads an IN Cell Analyzer `.xdce` (root `<ImageStack>`, docs/layouts.md §1.7): `<Plate rows columns>`,
/// `<ObjectiveCalibration pixel_width>` (µm), one `<Wavelength>` per channel in wave-index order with its
/// `<ExcitationFilter name wavelength>` and `<EmissionFilter name wavelength>`, field offsets
/// `<offset_point index x y>`, and under `<Images>` one `<Image filename>` per file with its `<Row number>`,
/// `<Column number>` (1-based) and `<Identifier field_index z_index wave_index time_index>` (0-based),
/// `<FocusPosition z>` and `acquisition_time_ms`.
enum InCellXDCEReader {
    /// Every file the `.xdce` lists, as expected planes and image keys, with channels, pixel size, plate
    /// size, field offsets as stage positions and the z step from the focus positions of the first stack.
    static func plan(at path: String) throws(LayoutError) -> PlatePlan {
        var builder = InCellPlanBuilder(planPath: path)
        let root = try XMLElementStream.read(path: path) { element throws(LayoutError) in
            try builder.add(element)
        }
        guard root == "ImageStack" else {
            throw .malformedPlan(path: path, expected: "an <ImageStack> document", found: "root element <\(root)>")
        }
        return try builder.plan()
    }
}
