internal import CBlosc
import Dispatch
import Foundation
import Zarr

/// What compression alone costs: every chunk of a written plate, decoded back and compressed again by
/// libblosc with the same settings on all cores, with nothing else to do. An ingest cannot be faster than
/// this, so its time against this one is the share of the physical bound it reaches.
struct CompressionBound {
    struct Measurement {
        let chunks: Int
        let bytes: Int
        /// Wall-clock seconds of the compression calls alone, summed over the arrays.
        let seconds: Double
    }

    let plateRoot: String
    let compressor: BloscCompressor
    let clevel: Int
    let shuffle: BloscShuffle

    func measure() throws -> Measurement {
        var chunks = 0, bytes = 0, seconds = 0.0
        let store = FileStore(root: plateRoot)
        for path in try arrayPaths() {
            let array = try ZarrArrayReader.open(store: store, path: path)
            let pieces = try Self.chunks(of: array)
            let typesize = array.metadata.dataType.byteSize
            let started = ContinuousClock.now
            DispatchQueue.concurrentPerform(iterations: pieces.count) { index in
                compress(pieces[index], typesize: typesize)
            }
            seconds += (ContinuousClock.now - started) / .seconds(1)
            chunks += pieces.count
            bytes += pieces.reduce(0) { $0 + $1.count }
        }
        return Measurement(chunks: chunks, bytes: bytes, seconds: seconds)
    }

    /// Every array of the plate (a folder holding `zarr.json` of an array, or `.zarray`).
    private func arrayPaths() throws -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: plateRoot) else { return [] }
        var paths: [String] = []
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name == ".zarray" {
                paths.append((relative as NSString).deletingLastPathComponent)
            } else if name == "zarr.json",
                      let data = FileManager.default.contents(atPath: plateRoot + "/" + relative),
                      (try? JSONValue(parsing: String(decoding: data, as: UTF8.self)))?["node_type"] == "array" {
                paths.append((relative as NSString).deletingLastPathComponent)
            }
        }
        return paths.sorted()
    }

    /// The contents of every chunk the array's codec compresses (inner chunks when sharded), read back.
    /// PlateDrop clips chunks to the plane, so no chunk of its plates extends past the array's edge.
    private static func chunks(of array: ZarrArrayReader) throws -> [[UInt8]] {
        let shape = array.metadata.shape, chunk = array.metadata.codecChunkShape
        let grid = zip(shape, chunk).map { ($0 + $1 - 1) / $1 }
        return try (0..<grid.reduce(1, *)).map { index in
            var remainder = index
            let cell = grid.reversed().map { extent in
                defer { remainder /= extent }
                return remainder % extent
            }.reversed()
            let origin = zip(cell, chunk).map(*)
            return try array.readRegion(origin: origin, shape: zip(origin, zip(shape, chunk)).map { min($1.1, $1.0 - $0) })
        }
    }

    private func compress(_ chunk: [UInt8], typesize: Int) {
        let capacity = chunk.count + Int(BLOSC_MAX_OVERHEAD)
        let destination = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        defer { destination.deallocate() }
        _ = chunk.withUnsafeBytes { source in
            blosc_compress_ctx(Int32(clevel), Int32(shuffle.v2Code), typesize, source.count, source.baseAddress, destination,
                               capacity, compressor.rawValue, 0, 1)
        }
    }
}
