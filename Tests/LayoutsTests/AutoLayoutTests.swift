import Testing
@testable import Layouts

/// `layout = "auto"` in a watched folder: each file is offered to every built-in layout.
@Suite struct AutoLayoutTests {
    private let layout = AutoLayout(defaultPlateName: "Root")

    @Test func theLayoutThatNamesAnImageOrPlanClaimsIt() {
        #expect(layout.classify(relativePath: "AS_09125_050116030001_D03f00d0.tif") == .image(ImageKey(
            plate: "AS_09125_050116030001", well: WellPosition(row: 3, column: 2), field: 0, channel: 0, z: 0)))
        #expect(layout.classify(relativePath: "run/experiment/image_metadata_1.csv") == .plan(.hcsAIManifest))
        #expect(layout.classify(relativePath: "9987_Plate_3434/9987.HTD") == .plan(.imageXpressHTD))
        #expect(layout.channelName(ofImageAt: "data/B2--W00014--P00001--Z00000--T00000--405 nm #1.tif") == "405 nm #1")
        #expect(layout.channelName(ofImageAt: "A1_1Z4_DAPI_1_003_.tif") == "DAPI")
        #expect(layout.channelName(ofImageAt: "Plate_C05_s1_w1.TIF") == nil)
    }

    /// A file one layout knows as its own non-image file is ignored with that layout's reason, even when a
    /// layout asked before it does not recognise the name.
    @Test(arguments: [
        ("run/test_data.mxprotocol", "MetaXpress Acquire protocol"),
        ("Meas_20240301_090000/Meas/DC_sCMOS #1_CAM1.tif", "dark-current"),
        ("Plate_C05_s1_w1_thumbA1B2.tif", "thumbnail"),
    ])
    func aLayoutsOwnNonImageFileIsIgnoredWithItsReason(path: String, words: String) {
        guard case .ignored(let reason) = layout.classify(relativePath: path) else {
            Issue.record("\(path): \(layout.classify(relativePath: path))")
            return
        }
        #expect(reason.contains(words), "\(path): \(reason)")
    }

    @Test func aNameNoLayoutKnowsIsFlagged() {
        guard case .unrecognized = layout.classify(relativePath: "scan_0001.tif") else {
            Issue.record("\(layout.classify(relativePath: "scan_0001.tif"))")
            return
        }
    }
}
