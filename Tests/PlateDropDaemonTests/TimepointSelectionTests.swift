@testable import PlateDropDaemon
import Testing

@Suite("which timepoints of a well its next write takes")
struct TimepointSelectionTests {
    private let selection = TimepointSelection(order: [0, 1, 2, 3], writeWhatIsThere: false)

    @Test func newTimepointsGoInOrderAndStopAtTheFirstIncompleteOne() {
        let chosen = selection.select(ready: [], written: [0], changed: [1, 2, 3], isComplete: { $0 != 2 })
        #expect(chosen.timepoints == [1] && !chosen.incomplete)
    }

    @Test func aTimepointThisWellLacksHoldsBackTheLaterOnes() {
        let chosen = selection.select(ready: [], written: [0], changed: [2], isComplete: { _ in true })
        #expect(chosen.timepoints.isEmpty)
    }

    @Test func aChangedTimepointOnDiskIsRetakenOnceCompleteAgain() {
        #expect(selection.select(ready: [], written: [0, 1, 2], changed: [1], isComplete: { _ in true }).timepoints == [1])
        #expect(selection.select(ready: [], written: [0, 1, 2], changed: [1], isComplete: { _ in false }).timepoints.isEmpty)
    }

    @Test func readyTimepointsStayChosen() {
        let chosen = selection.select(ready: [0, 1], written: [], changed: [2], isComplete: { _ in true })
        #expect(chosen.timepoints == [0, 1, 2])
    }

    @Test func writingWhatIsThereTakesIncompleteTimepointsAndSkipsGaps() {
        let ending = TimepointSelection(order: [0, 1, 2, 3], writeWhatIsThere: true)
        let chosen = ending.select(ready: [], written: [0], changed: [2, 3], isComplete: { $0 == 3 })
        #expect(chosen.timepoints == [2, 3] && chosen.incomplete)
    }
}
