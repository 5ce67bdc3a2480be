import Zarr

extension ValidationRun {
    /// A level array: metadata that parses, rank and `dimension_names` matching the axes, sane codec
    /// settings, and (sharded) every shard's index intact.
    mutating func validateArray(_ path: String, axes: [String]) -> ArrayMetadata? {
        guard let version else { return nil }
        let documentName = version == .v05 ? "zarr.json" : ".zarray"
        let document: JSONValue
        switch documents.read(NodeDocuments.join(path, documentName)) {
        case .absent:
            error("array-missing", path, "level array has no \(documentName)")
            return nil
        case let .unreadable(reason):
            error("invalid-json", path, "\(documentName) is not valid JSON: \(reason)")
            return nil
        case let .document(parsed):
            document = parsed
        }
        if version == .v05, document["node_type"]?.stringValue != "array" {
            error("node-type", path, "zarr.json of a level must have node_type \"array\"")
            return nil
        }
        let metadata: ArrayMetadata
        do {
            metadata = try ArrayMetadata.parse(document, format: version.zarrFormat, path: path)
        } catch {
            self.error("array-metadata", path, "\(error)")
            return nil
        }
        if metadata.rank != axes.count {
            error("array-rank", path, "array has \(metadata.rank) dimensions but the image has \(axes.count) axes")
        }
        if version == .v05 {
            if let names = metadata.dimensionNames {
                if names != axes {
                    error("dimension-names", path, "dimension_names \(names) differ from the axes \(axes)")
                }
            } else {
                error("dimension-names", path, "NGFF 0.5 requires dimension_names matching the axes \(axes) (P7)")
            }
        } else if document["dimension_separator"]?.stringValue != "/" {
            warning("dimension-separator", path, "0.4 arrays should use dimension_separator \"/\" (napari shows "
                    + "zeros for \".\", P14)")
        }
        checkCodecs(document, elementSize: metadata.dataType.byteSize, path: path)
        if metadata.isSharded {
            checkShards(path)
        }
        return metadata
    }

    /// Codec configurations that parse but hurt readers or compression (P15).
    private mutating func checkCodecs(_ document: JSONValue, elementSize: Int, path: String) {
        if let compressor = document["compressor"], compressor["id"]?.stringValue == "blosc" {
            let shuffle = compressor["shuffle"]?.intValue
            if shuffle.map({ !(0...2).contains($0) }) ?? true {
                error("blosc-shuffle", path, "v2 blosc shuffle must be 0, 1 or 2, found "
                      + (compressor["shuffle"]?.serialized() ?? "none") + " (-1 is rejected by readers, P15)")
            }
            checkLevel(compressor["clevel"], range: 0...9, codec: "blosc", path: path)
        }
        var codecLists: [[JSONValue]] = []
        if let codecs = document["codecs"]?.arrayValue { codecLists.append(codecs) }
        for codec in codecLists.first ?? [] where codec["name"]?.stringValue == "sharding_indexed" {
            if let inner = codec["configuration"]?["codecs"]?.arrayValue { codecLists.append(inner) }
        }
        for codec in codecLists.joined() {
            let configuration = codec["configuration"]
            switch codec["name"]?.stringValue {
            case "blosc":
                let shuffle = configuration?["shuffle"]?.stringValue
                if !["noshuffle", "shuffle", "bitshuffle"].contains(shuffle ?? "") {
                    error("blosc-shuffle", path, "v3 blosc shuffle must be \"noshuffle\", \"shuffle\" or \"bitshuffle\"")
                } else if shuffle != "noshuffle", let typesize = configuration?["typesize"]?.intValue,
                          typesize != Int64(elementSize) {
                    warning("blosc-typesize", path, "blosc typesize \(typesize) differs from the element size "
                            + "\(elementSize); shuffling then barely compresses (P15)")
                }
                checkLevel(configuration?["clevel"], range: 0...9, codec: "blosc", path: path)
            case "zstd":
                checkLevel(configuration?["level"], range: -131_072...22, codec: "zstd", path: path)
            default:
                continue
            }
        }
    }

    private mutating func checkLevel(_ value: JSONValue?, range: ClosedRange<Int64>, codec: String, path: String) {
        guard let value else { return }
        if !(value.intValue.map(range.contains) ?? false) {
            error("codec-level", path, "\(codec) level must be an integer in \(range.lowerBound)…\(range.upperBound), "
                  + "found \(value.serialized())")
        }
    }

    private mutating func checkShards(_ path: String) {
        do {
            let reader = try ZarrArrayReader.open(store: FileStore(root: documents.root), path: path)
            for problem in try reader.verifyShards() {
                // Writers may skip all-fill inner chunks (zarr-python does); readers then use the fill value.
                if case .missingInnerChunks = problem.kind { continue }
                error("shard-index", path, "\(problem)")
            }
        } catch {
            self.error("shard-index", path, "cannot check shards: \(error)")
        }
    }
}
