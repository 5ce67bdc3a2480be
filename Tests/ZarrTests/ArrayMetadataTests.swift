import Testing
import Zarr

@Suite("ArrayMetadata")
struct ArrayMetadataTests {
    @Test("v2 .zarray matches the reference document of docs/ngff-choices.md §3 byte for byte")
    func v2Document() {
        let metadata = ArrayMetadata(
            format: .v2, shape: [1, 1, 200, 300], dataType: .uint16, chunkShape: [1, 1, 128, 128],
            compressor: .blosc(.zstd, clevel: 5, shuffle: .byte))
        #expect(metadata.json().serialized() == """
            {"zarr_format":2,"shape":[1,1,200,300],"chunks":[1,1,128,128],"dtype":"<u2",\
            "compressor":{"id":"blosc","cname":"zstd","clevel":5,"shuffle":1,"blocksize":0},\
            "fill_value":0,"order":"C","filters":null,"dimension_separator":"/"}
            """)
    }

    @Test("v2 zstd and uncompressed compressor objects")
    func v2Compressors() {
        var metadata = ArrayMetadata(format: .v2, shape: [4], dataType: .uint8, chunkShape: [4], compressor: .zstd(level: 0, checksum: false))
        #expect(metadata.json()["compressor"]?.serialized() == #"{"id":"zstd","level":0}"#)
        #expect(metadata.json()["dtype"] == "|u1")
        metadata.compressor = .zstd(level: 3, checksum: true)
        #expect(metadata.json()["compressor"]?.serialized() == #"{"id":"zstd","level":3,"checksum":true}"#)
        metadata.compressor = .none
        #expect(metadata.json()["compressor"] == .null)
    }

    @Test("v3 unsharded zarr.json equals zarr-python's document (§5.2) and has a fixed key order")
    func v3Document() throws {
        let metadata = ArrayMetadata(
            format: .v3, shape: [2, 256, 256], dataType: .uint16, chunkShape: [1, 128, 128],
            compressor: .blosc(.zstd, clevel: 5, shuffle: .byte), dimensionNames: ["c", "y", "x"], attributes: [:])
        var reference = try JSONValue(parsing: """
            {"shape": [2, 256, 256], "data_type": "uint16",
             "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": [1, 128, 128]}},
             "chunk_key_encoding": {"name": "default", "configuration": {"separator": "/"}},
             "fill_value": 0,
             "codecs": [{"name": "bytes", "configuration": {"endian": "little"}},
                        {"name": "blosc", "configuration": {"typesize": 2, "cname": "zstd", "clevel": 5, "shuffle": "shuffle", "blocksize": 0}}],
             "attributes": {}, "dimension_names": ["c", "y", "x"], "zarr_format": 3, "node_type": "array", "storage_transformers": []}
            """)
        reference["storage_transformers"] = nil
        #expect(metadata.json() == reference)
        #expect(metadata.json().serialized() == """
            {"zarr_format":3,"node_type":"array","shape":[2,256,256],"data_type":"uint16",\
            "chunk_grid":{"name":"regular","configuration":{"chunk_shape":[1,128,128]}},\
            "chunk_key_encoding":{"name":"default","configuration":{"separator":"/"}},"fill_value":0,\
            "codecs":[{"name":"bytes","configuration":{"endian":"little"}},\
            {"name":"blosc","configuration":{"cname":"zstd","clevel":5,"shuffle":"shuffle","typesize":2,"blocksize":0}}],\
            "dimension_names":["c","y","x"],"attributes":{}}
            """)
    }

    @Test("v3 sharded zarr.json carries the sharding_indexed codec of §5.4")
    func v3ShardedDocument() throws {
        let metadata = ArrayMetadata(
            format: .v3, shape: [1, 1, 200, 300], dataType: .uint16, chunkShape: [1, 1, 128, 128],
            innerChunkShape: [1, 1, 64, 64], compressor: .blosc(.zstd, clevel: 5, shuffle: .byte))
        let reference = try JSONValue(parsing: """
            {"name": "sharding_indexed", "configuration": {
               "chunk_shape": [1, 1, 64, 64],
               "codecs": [{"name": "bytes", "configuration": {"endian": "little"}},
                          {"name": "blosc", "configuration": {"cname": "zstd", "clevel": 5, "shuffle": "shuffle", "typesize": 2, "blocksize": 0}}],
               "index_codecs": [{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "crc32c"}],
               "index_location": "end"}}
            """)
        #expect(metadata.json()["codecs"] == [reference])
        #expect(metadata.json()["chunk_grid"]?["configuration"]?["chunk_shape"] == [1, 1, 128, 128])
        #expect(metadata.json()["dimension_names"] == nil)
    }

    @Test("1-byte types write the bytes codec without configuration; zstd writes level and checksum")
    func v3SingleByte() {
        let metadata = ArrayMetadata(format: .v3, shape: [8], dataType: .uint8, chunkShape: [4], compressor: .zstd(level: 3, checksum: false))
        #expect(metadata.json()["codecs"]?.serialized() == #"[{"name":"bytes"},{"name":"zstd","configuration":{"level":3,"checksum":false}}]"#)
    }

    @Test("documents written by this module parse back to equal metadata", arguments: [ZarrFormat.v2, .v3])
    func roundTrip(format: ZarrFormat) throws {
        var metadata = ArrayMetadata(
            format: format, shape: [3, 100, 70], dataType: .float32, chunkShape: [1, 64, 64],
            compressor: .blosc(.lz4, clevel: 3, shuffle: .bit), fillValue: "NaN",
            dimensionNames: format == .v3 ? ["z", "y", "x"] : nil)
        if format == .v3 {
            metadata.attributes = ["note": "x"]
            metadata.chunkChecksum = true
        }
        let parsed = try ArrayMetadata.parse(try JSONValue(parsing: metadata.json().prettySerialized()), format: format, path: "a")
        #expect(parsed == metadata)
    }

    @Test("a sharded v3 document with the index at the start parses back")
    func shardedRoundTrip() throws {
        var metadata = ArrayMetadata(
            format: .v3, shape: [1, 200, 300], dataType: .int16, chunkShape: [1, 128, 128], innerChunkShape: [1, 64, 64],
            compressor: .zstd(level: 5, checksum: true), fillValue: -1)
        metadata.shardIndexLocation = .start
        metadata.shardIndexChecksum = false
        metadata.byteOrder = .big
        let parsed = try ArrayMetadata.parse(metadata.json(), format: .v3, path: "a")
        #expect(parsed == metadata)
        #expect(metadata.json()["codecs"]?[0]?["configuration"]?["index_codecs"]?.arrayValue?.count == 1)
    }

    @Test("ome-zarr-py's v2 .zarray (zstd, §3) and a dot-separated v2 array parse")
    func otherWritersV2() throws {
        let omeZarr = try ArrayMetadata.parse(try JSONValue(parsing: """
            {"shape": [2, 1, 256, 256], "chunks": [1, 1, 128, 128], "dtype": "<u2", "fill_value": 0, "order": "C",
             "filters": null, "dimension_separator": "/", "compressor": {"id": "zstd", "level": 0}, "zarr_format": 2}
            """), format: .v2, path: "s0/.zarray")
        #expect(omeZarr.compressor == .zstd(level: 0, checksum: false))
        #expect(omeZarr.chunkKey(for: [0, 0, 1, 2]) == "0/0/1/2")
        let dotted = try ArrayMetadata.parse(try JSONValue(parsing: """
            {"zarr_format": 2, "shape": [10], "chunks": [5], "dtype": ">i4", "fill_value": null, "order": "C",
             "filters": [], "compressor": {"id": "blosc", "cname": "lz4", "clevel": 5, "shuffle": -1, "blocksize": 0, "typesize": 4}}
            """), format: .v2, path: "a/.zarray")
        #expect(dotted.byteOrder == .big)
        #expect(dotted.dataType == .int32)
        #expect(dotted.compressor == .blosc(.lz4, clevel: 5, shuffle: .byte))
        #expect(dotted.chunkKey(for: [1]) == "1")
        #expect(dotted.chunkKeyEncoding == .v2(separator: .dot))
    }

    @Test("zarr-python's v3 sharded document with crc32c on inner chunks parses")
    func otherWritersV3() throws {
        let metadata = try ArrayMetadata.parse(try JSONValue(parsing: """
            {"shape": [4, 4], "data_type": "float64", "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": [4, 4]}},
             "chunk_key_encoding": {"name": "default"}, "fill_value": "-Infinity",
             "codecs": [{"name": "sharding_indexed", "configuration": {"chunk_shape": [2, 2],
                "codecs": [{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "zstd", "configuration": {"level": 0, "checksum": false}}, {"name": "crc32c"}],
                "index_codecs": [{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "crc32c"}], "index_location": "end"}}],
             "attributes": {}, "dimension_names": ["y", null], "zarr_format": 3, "node_type": "array", "storage_transformers": []}
            """), format: .v3, path: "zarr.json")
        #expect(metadata.innerChunkShape == [2, 2])
        #expect(metadata.chunkChecksum)
        #expect(metadata.dimensionNames == ["y", ""])
        #expect(metadata.chunkKey(for: [0, 1]) == "c/0/1")
    }

    @Test("structural problems are reported with the field, expected and found value", arguments: [
        (#"{"zarr_format":3,"node_type":"array","data_type":"uint8","chunk_grid":{"name":"regular","configuration":{"chunk_shape":[2]}},"chunk_key_encoding":{"name":"default"},"fill_value":0,"codecs":[{"name":"bytes"}]}"#,
         "missing field shape"),
        (#"{"zarr_format":3,"node_type":"array","shape":[4,4],"data_type":"uint8","chunk_grid":{"name":"regular","configuration":{"chunk_shape":[2]}},"chunk_key_encoding":{"name":"default"},"fill_value":0,"codecs":[{"name":"bytes"}]}"#,
         "wrong rank"),
        (#"{"zarr_format":3,"node_type":"array","shape":[4],"data_type":"uint8","chunk_grid":{"name":"regular","configuration":{"chunk_shape":[4]}},"chunk_key_encoding":{"name":"default"},"fill_value":0,"codecs":[{"name":"sharding_indexed","configuration":{"chunk_shape":[3],"codecs":[{"name":"bytes"}],"index_codecs":[{"name":"bytes","configuration":{"endian":"little"}}]}}]}"#,
         "inner chunk does not divide"),
        (#"{"zarr_format":3,"node_type":"array","shape":[4],"data_type":"complex64","chunk_grid":{"name":"regular","configuration":{"chunk_shape":[4]}},"chunk_key_encoding":{"name":"default"},"fill_value":0,"codecs":[{"name":"bytes"}]}"#,
         "unknown data type"),
        (#"{"zarr_format":3,"node_type":"array","shape":[4],"data_type":"uint16","chunk_grid":{"name":"regular","configuration":{"chunk_shape":[4]}},"chunk_key_encoding":{"name":"default"},"fill_value":0,"codecs":[{"name":"bytes","configuration":{"endian":"little"}},{"name":"gzip","configuration":{"level":5}}]}"#,
         "gzip"),
        (#"{"zarr_format":3,"node_type":"group","attributes":{}}"#, "group"),
        (#"{"zarr_format":3,"node_type":"array","shape":[4],"data_type":"uint8","chunk_grid":{"name":"regular","configuration":{"chunk_shape":[4]}},"chunk_key_encoding":{"name":"default"},"fill_value":300,"codecs":[{"name":"bytes"}]}"#,
         "fill value out of range"),
        (#"{"zarr_format":3,"node_type":"array","shape":[4],"data_type":"uint16","chunk_grid":{"name":"regular","configuration":{"chunk_shape":[4]}},"chunk_key_encoding":{"name":"default"},"fill_value":0,"codecs":[{"name":"bytes"}]}"#,
         "bytes without endian for uint16"),
        (#"{"zarr_format":2,"shape":[4],"chunks":[4],"dtype":"<u2","fill_value":0,"order":"F","filters":null,"compressor":null}"#,
         "v2 order F"),
        (#"{"zarr_format":2,"shape":[4],"chunks":[4],"dtype":"<u2","fill_value":0,"order":"C","filters":[{"id":"delta"}],"compressor":null}"#,
         "v2 filters"),
    ])
    func structuralErrors(document: String, label: String) throws {
        let json = try JSONValue(parsing: document)
        let format: ZarrFormat = json["zarr_format"] == 2 ? .v2 : .v3
        do {
            _ = try ArrayMetadata.parse(json, format: format, path: "plate.zarr/A/1/0/0/zarr.json")
            Issue.record("\(label): expected an error")
        } catch {
            #expect(error.path == "plate.zarr/A/1/0/0/zarr.json", "\(label)")
            #expect(error.description.hasPrefix("plate.zarr/A/1/0/0/zarr.json: "), "\(label)")
            switch label {
            case "missing field shape": #expect(error.kind == .missingField(field: "shape"))
            case "bytes without endian for uint16": #expect(error.kind == .missingField(field: "codecs[0].configuration.endian"))
            case "wrong rank": #expect(error.description.contains("1 entries like shape") || error.description.contains("2 entries like shape"))
            case "inner chunk does not divide": #expect(error.description.contains("dividing the shard shape [4]"))
            case "unknown data type", "gzip", "v2 order F", "v2 filters":
                guard case .unsupported = error.kind else { Issue.record("\(label): \(error)"); return }
            default: guard case .invalidField = error.kind else { Issue.record("\(label): \(error)"); return }
            }
        }
    }
}
