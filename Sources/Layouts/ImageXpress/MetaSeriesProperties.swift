import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The `<prop>` and `<custom-prop>` values of a MetaSeries `<MetaData>` document, by id, as text.
///
/// The XML is one TIFF tag of a few kilobytes, so it is parsed whole from memory rather than
/// streamed like a plan file. Character references in values (`&#13;&#10;`, `&#38;`) are resolved.
struct MetaSeriesProperties {
    /// `<prop id=… value=…>` values.
    let props: [String: String]
    /// `<custom-prop id=… value=…>` values, e.g. "Z Projection Method".
    let customProps: [String: String]

    /// Nil when `text` is not well-formed XML whose root element is `<MetaData>`.
    init?(xml text: String) {
        // libtiff hands the tag over without its NUL, but a description copied from elsewhere may keep it.
        let trimmed = text.trimmingCharacters(in: CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\0")))
        // Plain-text descriptions (MetaMorph, ImageJ, JSON) are common; skip the parser for them.
        guard trimmed.hasPrefix("<"), trimmed.contains("<MetaData") else { return nil }
        let parser = XMLParser(data: Data(trimmed.utf8))
        let collector = PropCollector()
        parser.delegate = collector
        // Foundation's parser on Linux can report success for a document that breaks off or whose
        // tags do not match, so completeness is checked here too.
        guard parser.parse(), !collector.failed, collector.depth == 0, collector.rootName == "MetaData" else { return nil }
        props = collector.props
        customProps = collector.customProps
    }
}

/// Collects `id` → `value` of every prop element; the first of each id wins, so a plane's own value
/// is never replaced by a later repeat.
private final class PropCollector: NSObject, XMLParserDelegate {
    var rootName: String?
    var props: [String: String] = [:]
    var customProps: [String: String] = [:]
    /// Elements opened and not yet closed.
    var depth = 0
    var failed = false

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        failed = true
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        depth -= 1
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        if rootName == nil { rootName = elementName }
        depth += 1
        guard let id = attributeDict["id"], let value = attributeDict["value"] else { return }
        switch elementName {
        case "prop":
            if props[id] == nil { props[id] = value }
        case "custom-prop":
            if customProps[id] == nil { customProps[id] = value }
        default:
            break
        }
    }
}
