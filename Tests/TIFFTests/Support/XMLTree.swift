import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML file, for checking generated plan files.
struct XMLTree {
    let root: XMLElement

    init(path: String) throws {
        let document = try XMLDocument(contentsOf: URL(fileURLWithPath: path), options: [])
        root = try #require(document.rootElement())
    }

    /// Direct and nested elements with this qualified name, in document order.
    func elements(named name: String) -> [XMLElement] {
        var found: [XMLElement] = []
        var pending: [XMLElement] = [root]
        while let element = pending.popLast() {
            if element.name == name { found.append(element) }
            pending += (element.children ?? []).compactMap { $0 as? XMLElement }.reversed()
        }
        return found
    }
}
