import Testing
@testable import Watch

struct WatchRootValidationTests {
    @Test func trailingSlashesAreDropped() {
        #expect(WatchRoot(id: "a", path: "/data/exports//").path == "/data/exports")
        #expect(WatchRoot(id: "a", path: "/").path == "/")
    }

    @Test func relativePathIsRejectedWithTheFix() {
        #expect(throws: WatchError.invalidRoot(id: "a", path: "data", problem: "the path is not absolute; write it from / on")) {
            try FolderWatcher(roots: [WatchRoot(id: "a", path: "data")])
        }
    }

    @Test func sharedIDIsRejected() {
        #expect(throws: WatchError.duplicateRootID(id: "a", paths: ["/x", "/y"])) {
            try FolderWatcher(roots: [WatchRoot(id: "a", path: "/x"), WatchRoot(id: "a", path: "/y")])
        }
    }

    @Test func nestedRootsAreRejectedButSiblingsWithACommonPrefixAreNot() throws {
        let error = #expect(throws: WatchError.self) {
            try FolderWatcher(roots: [WatchRoot(id: "outer", path: "/data"), WatchRoot(id: "inner", path: "/data/plate1")])
        }
        #expect(error?.description.contains("/data/plate1") == true)
        _ = try FolderWatcher(roots: [WatchRoot(id: "a", path: "/data/run"), WatchRoot(id: "b", path: "/data/run2")])
    }

    @Test func nonPositivePollIntervalIsRejected() {
        #expect(throws: WatchError.self) {
            try FolderWatcher(roots: [WatchRoot(id: "a", path: "/x", pollInterval: .zero)])
        }
    }
}
