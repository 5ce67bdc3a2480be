/// One XML element, delivered when its end tag is read; names have their namespace prefix removed.
struct ClosedXMLElement {
    /// Local name, e.g. "MeasurementRecord" for `bts:MeasurementRecord`.
    let name: String
    /// Local names of the enclosing elements, outermost first.
    let ancestors: [String]
    /// Attributes by local name, e.g. "Type" for `bts:Type`.
    let attributes: [String: String]
    /// The element's own text (text between child elements is dropped: these formats have no mixed content).
    let text: String
    /// Line of the end tag, for error messages.
    let line: Int

    /// The enclosing element's local name, or nil for the root.
    var parent: String? { ancestors.last }
}
