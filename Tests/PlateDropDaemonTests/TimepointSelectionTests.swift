@testable import PlateDropDaemon
import Testing

@Suite("which timepoints of a well its next write takes")
struct TimepointSelectionTests {
    private let selection = TimepointSelection(order: [0, 1, 2, 3], writeWhatIsThere: false)

    @Test func newTimepointsGoInOrderAndStopAtTheFirstIncompleteOne() {
        let chosen = selection.select(due: [], onDisk: [0], changed: [1, 2, 3], isComplete: { $0 != 2 })
        #expect(chosen.timepoints == [1] && !chosen.incomplete)
    }

    @Test func aTimepointThisWellLacksHoldsBackTheLaterOnes() {
        let chosen = selection.select(due: [], onDisk: [0], changed: [2], isComplete: { _ in true })
        #expect(chosen.timepoints.isEmpty)
    }

    @Test func aChangedTimepointOnDiskIsRetakenOnceCompleteAgain() {
        #expect(selection.select(due: [], onDisk: [0, 1, 2], changed: [1], isComplete: { _ in true }).timepoints == [1])
        #expect(selection.select(due: [], onDisk: [0, 1, 2], changed: [1], isComplete: { _ in false }).timepoints.isEmpty)
    }

    @Test func dueTimepointsAreTakenWhileComplete() {
        let chosen = selection.select(due: [0, 1], onDisk: [], changed: [2], isComplete: { _ in true })
        #expect(chosen.timepoints == [0, 1, 2])
        // A write that failed, then a plane of its timepoint vanished: the timepoint waits for it again.
        #expect(selection.select(due: [0], onDisk: [], changed: [], isComplete: { _ in false }).timepoints.isEmpty)
        // A new plate shape makes every timepoint on disk due: all are written again.
        #expect(selection.select(due: [0, 1], onDisk: [0, 1], changed: [], isComplete: { _ in true }).timepoints == [0, 1])
    }

    @Test func writingWhatIsThereTakesIncompleteTimepointsAndSkipsGaps() {
        let ending = TimepointSelection(order: [0, 1, 2, 3], writeWhatIsThere: true)
        let chosen = ending.select(due: [], onDisk: [0], changed: [2, 3], isComplete: { $0 == 3 })
        #expect(chosen.timepoints == [2, 3] && chosen.incomplete)
    }
}
