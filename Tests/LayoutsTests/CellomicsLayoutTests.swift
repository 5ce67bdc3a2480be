import Foundation
import PlateDropTestSupport
import Testing
@testable import Layouts

@Suite struct CellomicsLayoutTests {
    private let layout = CellomicsLayout()

    /// Names of the corpus (`cellomics/cellprofiler-examples`): field and channel count from 0, the plate is
    /// the label and the scan id before the well, lower- and upper-case extensions alike.
    @Test(arguments: [
        ("ExampleHuman/images/AS_09125_050116030001_D03f00d0.tif", "AS_09125_050116030001", 3, 2, 0, 0),
        ("ExampleHuman/images/AS_09125_050116030001_D03f00d2.tif", "AS_09125_050116030001", 3, 2, 0, 2),
        ("ExampleIlluminationCorrection/images/AS_09047_050428030001_O10f02d2.TIF", "AS_09047_050428030001", 14, 9, 2, 2),
        ("AS_09047_050428030001_O24f00d2.TIF", "AS_09047_050428030001", 14, 23, 0, 2),
    ])
    func realNames(path: String, plate: String, row: Int, column: Int, field: Int, channel: Int) {
        #expect(layout.classify(relativePath: path) == .image(ImageKey(
            plate: plate, well: WellPosition(row: row, column: column), field: field, channel: channel, z: 0)))
    }

    /// Variants peers accept (docs/layouts.md §1.5): an unpadded column, a plate label without
    /// a scan id, two-digit channels, `.tiff`.
    @Test func variants() {
        #expect(layout.classify(relativePath: "MFGTMP_140206180002_A1f00d0.tif") == .image(ImageKey(
            plate: "MFGTMP_140206180002", well: WellPosition(row: 0, column: 0), field: 0, channel: 0, z: 0)))
        #expect(layout.classify(relativePath: "Screen 4_P24f15d11.tiff") == .image(ImageKey(
            plate: "Screen 4", well: WellPosition(row: 15, column: 23), field: 15, channel: 11, z: 0)))
    }

    @Test func otherFilesAreFlaggedOrIgnoredWithTheirReason() {
        guard case .unrecognized(let native) = layout.classify(relativePath: "AS_09125_050116030001_D03f00d0.C01") else {
            Issue.record("native image not flagged")
            return
        }
        #expect(native.contains("native Cellomics image") && native.contains("TIFF"))
        for path in ["AS_09125_050116030001_D03_s1_w1.tif", "AS_09125_050116030001_D03f00.tif", "_D03f00d0.tif"] {
            guard case .unrecognized(let reason) = layout.classify(relativePath: path) else {
                Issue.record("\(path) not flagged: \(layout.classify(relativePath: path))")
                continue
            }
            #expect(reason.contains("f<field>d<channel>"), "\(path): \(reason)")
        }
        #expect(layout.classify(relativePath: "images/Thumbs.db") == .ignored(reason: "operating-system file"))
        guard case .ignored = layout.classify(relativePath: "protocol.mdb") else {
            Issue.record("protocol database not ignored")
            return
        }
    }

    @Test func readsNoPlan() {
        #expect(throws: LayoutError.self) { try layout.readPlan(at: "/export/plate.mdb") }
    }

    @Test(.enabled(if: RealExportCorpus.isPresent, RealExportCorpus.absenceNote))
    func autoDetectsTheCorpusExport() throws {
        let detected = try LayoutCatalog.detect(exportRoot: RealExportCorpus.path("cellomics/cellprofiler-examples"))
        #expect(detected.name == "cellomics")
    }
}
