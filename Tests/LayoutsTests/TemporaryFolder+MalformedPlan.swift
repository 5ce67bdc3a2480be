import Testing
@testable import Layouts

extension TemporaryFolder {
    /// Writes `text` at `relativePath` and expects `layout` to refuse it as a malformed plan whose message
    /// names the file and contains `hint`.
    func expectMalformedPlan(_ text: String, at relativePath: String, layout: some InstrumentLayout, hint: String,
                             sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = try write(text, to: relativePath)
        #expect(sourceLocation: sourceLocation) {
            try layout.readPlan(at: path)
        } throws: { error in
            guard case .malformedPlan(let file, _, _) = error as? LayoutError else { return false }
            return file == path && "\(error)".contains(hint)
        }
    }
}
