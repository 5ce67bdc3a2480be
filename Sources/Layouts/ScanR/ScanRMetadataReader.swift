/// Reads the OME-XML scanR writes beside its images, `data/metadata.ome.xml` (docs/layouts.md §1.6):
/// one `<Image ID="Image:W14P1" Name="Well 14, Position 1 (B2)">` per well position, whose `<Pixels>` give
/// PhysicalSizeX/Z, its `<Channel Name>`s in channel order, one `<TiffData FirstC FirstZ FirstT>` per file
/// with the file's name in `<UUID FileName>`, and `<Plane>` stage positions.
enum ScanRMetadataReader {
    /// Every file the metadata names, as expected planes and image keys, with channel names, pixel size,
    /// z step, stage positions and, where the labels tell it, the plate format.
    static func plan(at path: String) throws(LayoutError) -> PlatePlan {
        var builder = ScanRPlanBuilder(planPath: path)
        let root = try XMLElementStream.read(path: path) { element throws(LayoutError) in
            switch (element.name, element.parent) {
            case ("UUID", "TiffData"): builder.pendingFileName = element.attributes["FileName"]
            case ("TiffData", "Pixels"): try builder.addTiffData(element)
            case ("Plane", "Pixels"): try builder.addPlane(element)
            case ("Channel", "Pixels"): builder.addChannel(element)
            case ("Pixels", "Image"): try builder.setPixels(element)
            case ("Image", "OME"): try builder.finishImage(element)
            case ("Plate", "OME"): try builder.setPlate(element)
            default: break
            }
        }
        guard root == "OME" else {
            throw .malformedPlan(path: path, expected: "an <OME> document", found: "root element <\(root)>")
        }
        return try builder.plan()
    }
}
