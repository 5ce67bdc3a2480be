import Foundation

extension ClosedXMLElement {
    /// The attribute as a whole number of at least `minimum`, nil if absent; `planPath` names the file in errors.
    func integerAttribute(_ attribute: String, minimum: Int = 1, planPath: String) throws(LayoutError) -> Int? {
        guard let raw = attributes[attribute] else { return nil }
        return try Self.integer(raw, minimum: minimum, what: "attribute \(attribute) of <\(name)>", line: line,
                                planPath: planPath)
    }

    /// A required attribute as a whole number of at least `minimum`.
    func requiredIntegerAttribute(_ attribute: String, minimum: Int = 1, planPath: String) throws(LayoutError) -> Int {
        guard let value = try integerAttribute(attribute, minimum: minimum, planPath: planPath) else {
            throw .malformedPlan(path: planPath, expected: "attribute \(attribute) on <\(name)>",
                                 found: "none at line \(line)")
        }
        return value
    }

    /// The attribute as a decimal number, nil if absent.
    func decimalAttribute(_ attribute: String, planPath: String) throws(LayoutError) -> Double? {
        guard let raw = attributes[attribute] else { return nil }
        guard let value = Double(raw) else {
            throw .malformedPlan(path: planPath, expected: "a number in attribute \(attribute) of <\(name)>",
                                 found: "\"\(raw)\" at line \(line)")
        }
        return value
    }

    /// The element's text as a whole number of at least `minimum`.
    func integerText(minimum: Int, planPath: String) throws(LayoutError) -> Int {
        try Self.integer(text, minimum: minimum, what: "<\(name)>", line: line, planPath: planPath)
    }

    /// The element's text as a decimal number.
    func decimalText(planPath: String) throws(LayoutError) -> Double {
        guard let value = Double(text) else {
            throw .malformedPlan(path: planPath, expected: "a number in <\(name)>", found: "\"\(text)\" at line \(line)")
        }
        return value
    }

    private static func integer(_ raw: String, minimum: Int, what: String, line: Int,
                                planPath: String) throws(LayoutError) -> Int {
        guard let value = Int(raw.trimmingCharacters(in: .whitespaces)), value >= minimum else {
            throw .malformedPlan(path: planPath, expected: "a whole number ≥ \(minimum) in \(what)",
                                 found: "\"\(raw)\" at line \(line)")
        }
        return value
    }
}
