import Testing
@testable import Layouts

@Suite struct CytationLayoutTests {
    private let layout = CytationLayout(defaultPlateName: "Root")

    /// The Gen5 names of NAMING-VARIANTS.md §8 (Bio-Formats' BioTek reader): unpadded wells, fields from 1,
    /// channels by name.
    @Test func realNames() throws {
        guard case .image(let phase) = layout.classify(relativePath: "Plate 1_BC123/A1_01_1_1_Phase Contrast_001.tif") else {
            Issue.record("read-step name not read")
            return
        }
        #expect(phase.plate == "Plate 1_BC123")
        #expect(phase.well == WellPosition(row: 0, column: 0))
        #expect((phase.field, phase.z, phase.t) == (0, 0, 0))
        #expect(phase.channel == ChannelNameOrder.number(for: "Phase Contrast"))
        #expect(layout.channelName(ofImageAt: "A1_01_1_1_Phase Contrast_001.tif") == "Phase Contrast")

        guard case .image(let stack) = layout.classify(relativePath: "A1_1Z4_DAPI_1_003_.tif") else {
            Issue.record("z-stack name not read")
            return
        }
        #expect(stack.plate == "Root")
        #expect((stack.field, stack.z, stack.t) == (0, 4, 2))
        #expect(layout.channelName(ofImageAt: "A1_1Z4_DAPI_1_003_.tif") == "DAPI")

        guard case .image(let wide) = layout.classify(relativePath: "H10_12_GFP_1_-1_.tiff") else {
            Issue.record("name without time points not read")
            return
        }
        #expect(wide.well == WellPosition(row: 7, column: 9))
        #expect((wide.field, wide.t) == (11, 0))
    }

    @Test func stitchedMontagesAreIgnoredAndOtherNamesFlagged() {
        guard case .ignored(let reason) = layout.classify(relativePath: "H10_1_Stitched[AandB_Phase Contrast]_1_001_-1.tif") else {
            Issue.record("stitched montage not ignored")
            return
        }
        #expect(reason.contains("stitched"))
        for path in ["A1_0_DAPI_1_001_.tif", "A1_-1_DAPI_1_001_.tif", "Plate_A01_s1_w1.tif", "A1_DAPI.tif"] {
            guard case .unrecognized = layout.classify(relativePath: path) else {
                Issue.record("\(path) not flagged: \(layout.classify(relativePath: path))")
                continue
            }
        }
        #expect(throws: LayoutError.self) { try layout.readPlan(at: "/x/plate.xpt") }
    }
}
