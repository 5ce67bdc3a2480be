import FileIdentity
import Testing
@testable import Watch

/// The stability rule with an injected clock: `now` is any monotonic instant, `wallClock` any ctime scale.
struct FileTableTests {
    let start = ContinuousClock.now
    let quiet = Duration.seconds(30)
    /// Wall-clock nanoseconds standing for "now" in these tests.
    let wallNow: Int64 = 1_000_000_000_000

    func fingerprint(size: Int64, changedSecondsAgo: Int64, inode: UInt64 = 7) -> FileFingerprint {
        let changed = wallNow - changedSecondsAgo * 1_000_000_000
        return FileFingerprint(size: size, modificationNanoseconds: changed, changeNanoseconds: changed, inode: inode)
    }

    @Test func freshFileIsStableOnlyAfterItsFingerprintHeldForTheQuietPeriod() {
        var table = FileTable(quietPeriod: quiet)
        let fresh = fingerprint(size: 100, changedSecondsAgo: 1)
        #expect(table.observe("a.tif", fresh, now: start, wallClock: wallNow) == .settling)
        #expect(table.nextDue == start + quiet)
        #expect(table.takeDue(at: start + .seconds(29)).isEmpty)

        let due = start + quiet
        #expect(table.takeDue(at: due) == ["a.tif"])
        #expect(table.observe("a.tif", fresh, now: due, wallClock: wallNow + 30_000_000_000) == .stable(fresh))
        // The same fingerprint is never reported twice.
        #expect(table.observe("a.tif", fresh, now: due + .seconds(60), wallClock: wallNow + 90_000_000_000) == .unchanged)
        #expect(table.nextDue == nil)
    }

    @Test func changeDuringTheQuietPeriodRestartsIt() {
        var table = FileTable(quietPeriod: quiet)
        _ = table.observe("a.tif", fingerprint(size: 100, changedSecondsAgo: 0), now: start, wallClock: wallNow)
        let grown = fingerprint(size: 200, changedSecondsAgo: -20)
        let later = start + .seconds(20)
        #expect(table.observe("a.tif", grown, now: later, wallClock: wallNow + 20_000_000_000) == .settling)

        // The first deadline is stale now and yields nothing; the new one is 30 s after the change was seen.
        #expect(table.takeDue(at: start + quiet).isEmpty)
        #expect(table.takeDue(at: later + quiet) == ["a.tif"])
        #expect(table.observe("a.tif", grown, now: later + quiet, wallClock: wallNow + 50_000_000_000) == .stable(grown))
    }

    @Test func eventForASettlingFileRestartsItsQuietPeriodEvenWithAnUnchangedFingerprint() {
        var table = FileTable(quietPeriod: quiet)
        let fresh = fingerprint(size: 100, changedSecondsAgo: 0)
        _ = table.observe("a.tif", fresh, now: start, wallClock: wallNow)
        let touchedAt = start + .seconds(10)
        #expect(table.observe("a.tif", fresh, now: touchedAt, wallClock: wallNow, touched: true) == .settling)
        #expect(table.takeDue(at: start + quiet).isEmpty)
        #expect(table.takeDue(at: touchedAt + quiet) == ["a.tif"])
    }

    @Test func fileUntouchedForLongerThanTheQuietPeriodIsStableAtOnce() {
        var table = FileTable(quietPeriod: quiet)
        let old = fingerprint(size: 100, changedSecondsAgo: 31)
        #expect(table.observe("old.tif", old, now: start, wallClock: wallNow) == .stable(old))
        #expect(table.nextDue == nil)

        // Replaced by a rename (new inode, fresh ctime): settles and is reported again.
        let replaced = fingerprint(size: 100, changedSecondsAgo: 0, inode: 8)
        #expect(table.observe("old.tif", replaced, now: start, wallClock: wallNow) == .settling)
    }

    @Test func walkDropsUnseenFilesAndReportsOnlyThoseThatHadBeenReported() {
        var table = FileTable(quietPeriod: quiet)
        _ = table.observe("reported.tif", fingerprint(size: 1, changedSecondsAgo: 60), now: start, wallClock: wallNow)
        _ = table.observe("settling.tif", fingerprint(size: 1, changedSecondsAgo: 0), now: start, wallClock: wallNow)
        _ = table.observe("locked/inside.tif", fingerprint(size: 1, changedSecondsAgo: 60), now: start, wallClock: wallNow)
        _ = table.observe("kept.tif", fingerprint(size: 1, changedSecondsAgo: 60), now: start, wallClock: wallNow)

        table.beginWalk()
        _ = table.observe("kept.tif", fingerprint(size: 1, changedSecondsAgo: 60), now: start, wallClock: wallNow)
        #expect(table.finishWalk(keepingBelow: ["locked"]) == ["reported.tif"])
        #expect(Set(table.files.keys) == ["kept.tif", "locked/inside.tif"])
    }

    @Test func skippedNamesAreReportedOnceUntilAWalkNoLongerSeesThem() {
        var table = FileTable(quietPeriod: quiet)
        let first = table.noteSkipped("link.tif")
        let second = table.noteSkipped("link.tif")
        #expect(first && !second)
        table.beginWalk()
        #expect(table.finishWalk(keepingBelow: []).isEmpty)
        let afterWalkWithoutIt = table.noteSkipped("link.tif")
        #expect(afterWalkWithoutIt)
    }
}
