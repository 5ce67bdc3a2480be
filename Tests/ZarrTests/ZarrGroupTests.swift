import Testing
import Zarr

@Suite("ZarrGroup")
struct ZarrGroupTests {
    @Test("v2 groups write .zgroup and .zattrs; attributes read back")
    func v2Group() throws {
        try withTemporaryStore { store in
            try ZarrGroup.write(store: store, path: "", format: .v2, attributes: ["plate": ["name": "p"]])
            try ZarrGroup.write(store: store, path: "A", format: .v2, attributes: nil)
            #expect(try store.read(".zgroup") == Array("{\n  \"zarr_format\": 2\n}\n".utf8))
            #expect(try ZarrGroup.readAttributes(store: store, path: "", format: .v2) == ["plate": ["name": "p"]])
            #expect(try ZarrGroup.readAttributes(store: store, path: "A", format: .v2) == nil)
            #expect(ZarrGroup.detectFormat(store: store, path: "A") == .v2)
        }
    }

    @Test("v3 groups write zarr.json with attributes ({} when none)")
    func v3Group() throws {
        try withTemporaryStore { store in
            try ZarrGroup.write(store: store, path: "A/1", format: .v3, attributes: ["ome": ["version": "0.5"]])
            try ZarrGroup.write(store: store, path: "A", format: .v3, attributes: nil)
            let document = try JSONValue(parsing: try #require(try store.read("A/zarr.json")))
            #expect(document.serialized() == #"{"zarr_format":3,"node_type":"group","attributes":{}}"#)
            #expect(try ZarrGroup.readAttributes(store: store, path: "A/1", format: .v3) == ["ome": ["version": "0.5"]])
            #expect(ZarrGroup.detectFormat(store: store, path: "A/1") == .v3)
            #expect(ZarrGroup.detectFormat(store: store, path: "B") == nil)
        }
    }

    @Test("reading a missing group or an array as a group fails clearly")
    func readErrors() throws {
        try withTemporaryStore { store in
            #expect {
                try ZarrGroup.readAttributes(store: store, path: "none", format: .v3)
            } throws: { error in
                (error as? ZarrError)?.kind == .missingMetadata(expected: "a v3 group (zarr.json)")
            }
            let writer = try ZarrArrayWriter(
                store: store, path: "arr", metadata: ArrayMetadata(format: .v3, shape: [2], dataType: .uint8, chunkShape: [2]))
            try writer.writeMetadata()
            #expect(throws: ZarrError.self) { try ZarrGroup.readAttributes(store: store, path: "arr", format: .v3) }
            #expect(throws: ZarrError.self) { try ZarrGroup.write(store: store, path: "g", format: .v3, attributes: [1]) }
        }
    }
}
