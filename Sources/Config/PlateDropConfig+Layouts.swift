import Foundation
import Ingest
import Layouts

extension PlateDropConfig {
    /// The layout for an export: `auto` recognises a built-in one from the folder; otherwise a built-in
    /// name or a `[[layout]]` of this config.
    public func layout(named name: String, exportRoot: String) throws -> any InstrumentLayout {
        let folderName = URL(fileURLWithPath: exportRoot).lastPathComponent
        if name == "auto" {
            return try LayoutCatalog.detect(exportRoot: exportRoot)
        }
        if let custom = customLayouts.first(where: { $0.name == name }) {
            return try custom.makeLayout()
        }
        if let builtIn = LayoutCatalog.named(name, defaultPlateName: ImageKey.safePlateName(folderName) ?? "plate") {
            return builtIn
        }
        let known = ["auto"] + LayoutCatalog.builtInNames + customLayouts.map(\.name)
        throw ConfigError(path: "--layout \(name)", problems: [ConfigProblem(
            line: nil, message: "unknown layout; use one of \(known.joined(separator: ", "))")])
    }
}

extension CustomLayoutConfig {
    /// The regex layout this entry describes; throws when the pattern is unusable.
    func makeLayout() throws(LayoutError) -> CustomLayout {
        try CustomLayout(name: name, pattern: pattern, numbersAreZeroBased: !oneBased, plateName: plateName)
    }
}
