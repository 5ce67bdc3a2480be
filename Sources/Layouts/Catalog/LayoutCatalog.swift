import Foundation

/// The built-in layouts by name, and recognition of an export's layout for `--layout auto`.
public enum LayoutCatalog {
    /// Names accepted by `named(_:defaultPlateName:)`, one per built-in layout.
    public static let builtInNames = [
        "imagexpress", "imagexpress-hcsai", "yokogawa", "harmony", "cellomics", "scanr", "incell", "cytation",
    ]

    /// Other names users know these instruments by.
    static let aliases = [
        "metaxpress": "imagexpress",
        "hcsai": "imagexpress-hcsai", "hcs.ai": "imagexpress-hcsai", "metaxpress-acquire": "imagexpress-hcsai",
        "cellvoyager": "yokogawa", "cv7000": "yokogawa", "cv8000": "yokogawa", "cq3000": "yokogawa", "cq3k": "yokogawa",
        "operetta": "harmony", "phenix": "harmony", "opera": "harmony",
        "arrayscan": "cellomics", "cellinsight": "cellomics",
        "olympus-scanr": "scanr", "evident-scanr": "scanr",
        "in-cell": "incell", "incell-analyzer": "incell",
        "gen5": "cytation", "biotek": "cytation",
    ]

    /// The built-in layout called `name` (case-insensitive, aliases allowed), or nil; `defaultPlateName`
    /// names the plate of images that carry none (Harmony, scanR, IN Cell, Cytation and CellVoyager CQ3000
    /// images at the export root, an HCS.ai run that is the export root).
    public static func named(_ name: String, defaultPlateName: String) -> (any InstrumentLayout)? {
        let lowered = name.lowercased()
        switch aliases[lowered] ?? lowered {
        case "imagexpress": return ImageXpressLayout()
        case "imagexpress-hcsai": return ImageXpressHCSAILayout(defaultPlateName: defaultPlateName)
        case "yokogawa": return YokogawaLayout(defaultPlateName: defaultPlateName)
        case "harmony": return HarmonyLayout(defaultPlateName: defaultPlateName)
        case "cellomics": return CellomicsLayout()
        case "scanr": return ScanRLayout(defaultPlateName: defaultPlateName)
        case "incell": return InCellLayout(defaultPlateName: defaultPlateName)
        case "cytation": return CytationLayout(defaultPlateName: defaultPlateName)
        default: return nil
        }
    }
}
