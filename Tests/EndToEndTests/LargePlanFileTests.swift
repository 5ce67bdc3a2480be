import Foundation
import PlateDropTestSupport
import Testing

@Suite("XML plan files as large as full plates make them")
struct LargePlanFileTests {
    /// An export whose plan is XML, and where that plan lives.
    struct XMLPlanExport: Sendable, CustomStringConvertible {
        let scenario: ExportScenario
        let planPath: String
        let rootEndTag: String

        var description: String { planPath }
    }

    /// A full 384-well Harmony plate (9 fields × 4 channels) indexes 13 824 images in about 12 MB;
    /// a 1536-well Yokogawa plate (4 fields × 4 channels) lists 24 576 records in about 10 MB.
    static let exports = [
        XMLPlanExport(
            scenario: ExportScenario(summary: "Harmony", layout: .harmony, plateName: "OperaBigIndex",
                                     format: 384, wells: ["A1", "P24"], channels: 2),
            planPath: "Images/Index.idx.xml", rootEndTag: "</EvaluationInputData>"),
        XMLPlanExport(
            scenario: ExportScenario(summary: "Yokogawa", layout: .yokogawa, plateName: "CVBigPlan",
                                     format: 1536, wells: ["A1", "AF48"], channels: 2),
            planPath: "MeasurementData.mlf", rootEndTag: "</bts:MeasurementData>"),
    ]

    /// Comments (well-formed XML) bring a small export's plan to 12 MB without writing thousands of TIFFs;
    /// the parser reads the same number of bytes as for a full plate.
    @Test(arguments: exports)
    func twelveMegabytePlanIsRead(export planExport: XMLPlanExport) async throws {
        let binary = try PlateDropBinary.located()
        let work = try TemporaryFolder()
        let scenario = planExport.scenario
        let exportRoot = work.path + "/" + scenario.plateName
        let export = try await binary.run(["sample-export", exportRoot] + scenario.sampleExportArguments)
        try #require(export.exitCode == 0, "\(export.transcript)")
        let planPath = exportRoot + "/" + planExport.planPath
        let plan = try String(contentsOfFile: planPath, encoding: .utf8)
        let end = try #require(plan.range(of: planExport.rootEndTag, options: .backwards), "\(planPath) has no root end tag")
        let line = "  <!-- placeholder for one image record of a full plate's plan -->\n"
        let padding = String(repeating: line, count: 12_000_000 / line.utf8.count)
        try Data((plan[..<end.lowerBound] + padding + plan[end.lowerBound...]).utf8).write(to: URL(fileURLWithPath: planPath))

        let ingest = try await binary.run(["ingest", exportRoot, "--out", work.path + "/out"])
        #expect(ingest.exitCode == 0, "\(ingest.transcript)")
        let planFileName = String(planExport.planPath.split(separator: "/").last ?? "")
        #expect(ingest.lines(mentioning: planFileName).isEmpty, "\(ingest.transcript)")
    }
}
