/// Reads a Harmony `Index.idx.xml` / `Index.ref.xml` / `Index.xml` (root `EvaluationInputData`): the plate
/// under `Plates/Plate`, channel descriptions under `Maps/Map/Entry`, one `Images/Image` per plane with
/// URL, Row, Col, FieldID, PlaneID, ChannelID (1-based), TimepointID (0-based), ImageResolutionX and
/// PositionZ (in the unit of their `Unit` attribute, metres when absent), AbsTime (docs/layouts.md §1.4).
enum HarmonyIndexReader {
    /// The plate's images as expected planes and image keys; images the index lists without a file, or
    /// with a State other than "Ok", as expected-missing.
    static func plan(at path: String) throws(LayoutError) -> PlatePlan {
        var builder = HarmonyPlanBuilder(planPath: path)
        var children: [String: ClosedXMLElement] = [:]
        let root = try XMLElementStream.read(path: path) { element throws(LayoutError) in
            switch (element.name, element.parent) {
            case ("Image", "Images"):
                try builder.addImage(children, line: element.line)
                children = [:]
            case ("Entry", "Map"):
                try builder.addChannelEntry(element, children)
                children = [:]
            case (_, "Image") where element.ancestors.dropLast().last == "Images",
                 (_, "Entry") where element.ancestors.dropLast().last == "Map":
                children[element.name] = element
            case (_, "Plate"):
                builder.plate[element.name] = element.text
            default:
                break
            }
        }
        guard root == "EvaluationInputData" else {
            throw .malformedPlan(path: path, expected: "an <EvaluationInputData> document", found: "root element <\(root)>")
        }
        return try builder.plan()
    }
}
