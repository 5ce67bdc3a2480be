import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

extension XMLElement {
    /// The text of the first child element with this name.
    func childText(_ name: String) -> String? {
        elements(forName: name).first?.stringValue
    }

    /// The value of the attribute with this qualified name.
    func attributeValue(_ name: String) -> String? {
        // Looked up by name: FoundationXML misses unprefixed attributes of default-namespace elements.
        attributes?.first { $0.name == name }?.stringValue
    }
}
