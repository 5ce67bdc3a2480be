@testable import Ingest
import Layouts
import Testing

@Suite("PlanCoverage: what a plan expects of a plate, for batch gaps and daemon completeness alike")
struct PlanCoverageTests {
    static let a1 = WellPosition(row: 0, column: 0)
    static let b2 = WellPosition(row: 1, column: 1)

    /// Two wells, two channels, two z-planes; the instrument reports B2 channel 1 as not acquired.
    static let plan = PlatePlan(
        source: "/export/run/P.HTD", scopeDirectory: "/export/run",
        expected: Set([a1, b2].flatMap { well in
            (0..<2).flatMap { channel in (0..<2).map { z in ImageKey(plate: "", well: well, field: 0, channel: channel, z: z) } }
        }),
        expectedMissing: [MissingImage(well: b2, channel: 1, reason: "AF error")])

    static func planes(_ well: WellPosition, channels: [Int], z: [Int]) -> Set<PlaneKey> {
        Set(channels.flatMap { channel in z.map { PlaneKey(well: well, acquisition: 0, field: 0, t: 0, channel: channel, z: $0) } })
    }

    @Test func thePlansNearestToAPlatesImagesGovernIt() {
        let outer = PlatePlan(source: "/m/Images/Index.idx.xml", scopeDirectory: "/m/Images", zStepMicrons: 1)
        let inner = PlatePlan(source: "/m/Images/flex/Index.flex.xml", scopeDirectory: "/m/Images/flex", zStepMicrons: 2)
        let innerSettings = PlatePlan(source: "/m/Images/flex/other.xml", scopeDirectory: "/m/Images/flex", pixelSizeMicrons: 0.5)
        let elsewhere = PlatePlan(source: "/n/Index.xml", scopeDirectory: "/n", zStepMicrons: 3)
        let plans = [outer, inner, innerSettings, elsewhere]
        let corrected = PlatePlan.governing(plate: "m_flatfield", imagePaths: ["/m/Images/flex/r01c01f01p01-ch1.tiff"], from: plans)
        // The outer plan comes first in the list, so its z step would win if it took part.
        #expect(corrected?.zStepMicrons == 2 && corrected?.pixelSizeMicrons == 0.5)
        let raw = PlatePlan.governing(plate: "m", imagePaths: ["/m/Images/r01c01f01p01-ch1.tiff"], from: plans)
        #expect(raw?.source == outer.source && raw?.zStepMicrons == 1)
        #expect(PlatePlan.governing(plate: "x", imagePaths: ["/x/r01c01f01p01-ch1.tiff"], from: plans) == nil)
    }

    @Test func aWellIsCompleteWithEveryPlaneTheInstrumentTook() {
        let coverage = PlanCoverage(plan: Self.plan, plate: "P_Plate_1", presentChannels: [0, 1])
        #expect(coverage.isComplete(Self.a1, timepoint: 0, present: Self.planes(Self.a1, channels: [0, 1], z: [0])) == false)
        #expect(coverage.isComplete(Self.a1, timepoint: 0, present: Self.planes(Self.a1, channels: [0, 1], z: [0, 1])) == true)
        // B2's channel 1 is excused by the instrument's own record.
        #expect(coverage.isComplete(Self.b2, timepoint: 0, present: Self.planes(Self.b2, channels: [0], z: [0, 1])) == true)
        #expect(coverage.isComplete(WellPosition(row: 5, column: 5), timepoint: 0, present: []) == nil)
        #expect(coverage.isSatisfied(written: [Self.a1: [0], Self.b2: [0]]))
        #expect(!coverage.isSatisfied(written: [Self.a1: [0]]))
    }

    @Test func gapsNameTheInstrumentsRecordsThenTheMissingPlanes() {
        let coverage = PlanCoverage(plan: Self.plan, plate: "P_Plate_1", presentChannels: [0, 1])
        let gaps = coverage.gaps(present: Self.planes(Self.a1, channels: [0, 1], z: [0, 1]).union(Self.planes(Self.b2, channels: [0], z: [0])))
        #expect(gaps == ["P.HTD reports well B2 not acquired: AF error",
                         "P.HTD expects well B2 field 1 channel 1 z 2 t 1, but no usable file provides it"])
    }

    @Test func aScopedReportNamesOnlyTheGapsOfTheWellsAndTimepointsWritten() {
        // A1 and B2 at two timepoints; the instrument reports A1 at t 2 as not acquired; t 2 has not arrived.
        let plan = PlatePlan(
            source: "/export/run/P.HTD", scopeDirectory: "/export/run",
            expected: Set([Self.a1, Self.b2].flatMap { well in
                (0..<2).map { t in ImageKey(plate: "", well: well, field: 0, channel: 0, z: 0, t: t) }
            }),
            expectedMissing: [MissingImage(well: Self.a1, t: 1, reason: "AF error")])
        let coverage = PlanCoverage(plan: plan, plate: "P_Plate_1", presentChannels: [0])
        let firstTimepoint = Self.planes(Self.a1, channels: [0], z: [0])
        #expect(coverage.gaps(present: firstTimepoint, scope: [Self.a1: [0]]).isEmpty)
        #expect(coverage.gaps(present: firstTimepoint, scope: [Self.a1: [0], Self.b2: [0]])
            == ["P.HTD expects well B2 field 1 channel 1 z 1 t 1, but no usable file provides it"])
        #expect(coverage.gaps(present: firstTimepoint, scope: [Self.a1: [1]]) == ["P.HTD reports well A1 not acquired: AF error"])
        #expect(coverage.gaps(present: firstTimepoint).count == 3, "unscoped, every record and every absent plane")
    }

    @Test func aProjectionPlateIsExpectedToHoldOnlyTheChannelsItsRunProjected() {
        let projected = Self.plan.forProjections()
        let coverage = PlanCoverage(plan: projected, plate: "P_Plate_1_projection", presentChannels: [0])
        #expect(!coverage.knowsChannels)
        #expect(PlanCoverage(plan: Self.plan, plate: "P_Plate_1", presentChannels: [0]).knowsChannels)
        #expect(coverage.isComplete(Self.a1, timepoint: 0, present: Self.planes(Self.a1, channels: [0], z: [0])) == true)
        #expect(coverage.gaps(present: Self.planes(Self.a1, channels: [0], z: [0]).union(Self.planes(Self.b2, channels: [0], z: [0])))
            == ["P.HTD reports well B2 not acquired: AF error"])
    }
}
