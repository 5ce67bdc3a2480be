import Foundation
import Testing
import Zarr

@Suite("FileStore")
struct FileStoreTests {
    @Test("writes create parent directories, replace atomically and leave no temp files", arguments: [false, true])
    func atomicWrite(durable: Bool) throws {
        try withTemporaryStore { store in
            for round in 0..<5 {
                try store.write(Array("round \(round)".utf8), to: "a/b/c/0", durable: durable)
            }
            try store.write([1, 2, 3], to: "top", durable: durable)
            #expect(try store.read("a/b/c/0") == Array("round 4".utf8))
            #expect(try store.read("top") == [1, 2, 3])
            #expect(allFiles(under: store.root) == ["a/b/c/0", "top"])
        }
    }

    @Test("an empty file round-trips and a missing key reads as nil")
    func emptyAndMissing() throws {
        try withTemporaryStore { store in
            try store.write([], to: "empty")
            #expect(try store.read("empty") == [])
            #expect(try store.read("nothing/here") == nil)
            #expect(try store.exists("empty"))
            #expect(try !store.exists("nothing"))
        }
    }

    @Test("unsafe keys are rejected", arguments: ["", "/abs", "a//b", "a/", "..", "a/../b", "./a", "a/./b", "a\u{0}b"])
    func badKeys(key: String) throws {
        try withTemporaryStore { store in
            #expect {
                try store.write([0], to: key)
            } throws: { error in
                guard let error = error as? ZarrError, case .invalidKey(let rejected, _) = error.kind else { return false }
                return rejected == key
            }
            #expect(throws: ZarrError.self) { try store.read(key) }
            #expect(allFiles(under: store.root).isEmpty)
        }
    }

    @Test("list shows sorted children without in-flight temp files; removeTree deletes a subtree")
    func listAndRemove() throws {
        try withTemporaryStore { store in
            try store.write([1], to: "g/b/x")
            try store.write([2], to: "g/a")
            try store.write([3], to: "g/.zattrs")
            #expect(FileManager.default.createFile(atPath: store.location(of: "g/.a.tmp-12-ff"), contents: Data([9])))
            #expect(try store.list("g") == [".zattrs", "a", "b"])
            #expect(try store.list("") == ["g"])
            #expect(try store.list("missing") == [])
            try store.removeTree("g/b")
            #expect(try store.list("g") == [".zattrs", "a"])
            try store.removeTree("g/b")
            try store.removeTree("g")
            #expect(try store.list("") == [])
        }
    }

    @Test("a write where a file blocks the directory fails with a message naming the path")
    func fileSystemError() throws {
        try withTemporaryStore { store in
            try store.write([1], to: "blocker")
            #expect {
                try store.write([2], to: "blocker/child")
            } throws: { error in
                guard let error = error as? ZarrError, case .fileSystem = error.kind else { return false }
                return error.description.contains(store.root)
            }
        }
    }
}
