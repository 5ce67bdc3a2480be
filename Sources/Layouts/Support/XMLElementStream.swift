import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Streams the elements of an XML plan file so a 100 000-image index never sits in memory as a tree.
final class XMLElementStream: NSObject, XMLParserDelegate {
    private struct OpenElement {
        let name: String
        let attributes: [String: String]
        var text = ""
    }

    private let handler: (ClosedXMLElement) throws(LayoutError) -> Void
    private var open: [OpenElement] = []
    private var handlerFailure: LayoutError?
    private var rootName: String?

    private init(handler: @escaping (ClosedXMLElement) throws(LayoutError) -> Void) {
        self.handler = handler
    }

    /// Reads the XML file at `path`, calling `handler` for every element as it closes; returns the
    /// local name of the root element.
    @discardableResult
    static func read(path: String,
                     handler: @escaping (ClosedXMLElement) throws(LayoutError) -> Void) throws(LayoutError) -> String {
        let data = PlanFile.withoutByteOrderMark(try PlanFile.contents(of: path))
        guard data.contains(where: { !Character(Unicode.Scalar($0)).isWhitespace }) else {
            throw .malformedPlan(path: path, expected: "an XML document", found: "an empty file")
        }
        // Fed as a stream: libxml2 refuses a single chunk over 10 MB, and a full 384-well Harmony index is larger.
        let parser = XMLParser(stream: InputStream(data: data))
        let stream = XMLElementStream(handler: handler)
        parser.delegate = stream
        let finished = parser.parse()
        if let failure = stream.handlerFailure { throw failure }
        guard finished, stream.open.isEmpty else {
            // Foundation's XML error text on Linux is only a domain and a number, so say what is known.
            let code = (parser.parserError as NSError?).map { " (parser code \($0.code))" } ?? ""
            let found = stream.open.last.map {
                "the XML breaks off inside <\($0.name)> at line \(parser.lineNumber)\(code): "
                    + "truncated, still being written, or not well-formed"
            } ?? "invalid XML at line \(parser.lineNumber)\(code)"
            throw .malformedPlan(path: path, expected: "well-formed, complete XML", found: found)
        }
        return stream.rootName ?? ""
    }

    private static func localName(_ qualified: String) -> String {
        qualified.split(separator: ":").last.map(String.init) ?? qualified
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        var attributes: [String: String] = [:]
        for (key, value) in attributeDict where !key.hasPrefix("xmlns") {
            attributes[Self.localName(key)] = value
        }
        if open.isEmpty { rootName = rootName ?? Self.localName(elementName) } else { open[open.count - 1].text = "" }
        open.append(OpenElement(name: Self.localName(elementName), attributes: attributes))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !open.isEmpty else { return }
        open[open.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !open.isEmpty else { return }
        open[open.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard let element = open.popLast(), handlerFailure == nil else { return }
        let closed = ClosedXMLElement(name: element.name, ancestors: open.map(\.name), attributes: element.attributes,
                                      text: element.text.trimmingCharacters(in: .whitespacesAndNewlines),
                                      line: parser.lineNumber)
        do {
            try handler(closed)
        } catch {
            handlerFailure = error
            parser.abortParsing()
        }
    }
}
