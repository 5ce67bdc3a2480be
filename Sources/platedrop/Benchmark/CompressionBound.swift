internal import CBlosc
import Dispatch
import Foundation
import Synchronization
import Zarr

/// What compression alone costs: every chunk of a written plate, decoded back and compressed again by
/// libblosc with the same settings on all cores, with nothing else to do. An ingest cannot be faster than
/// this, so its time against this one is the share of the physical bound it reaches.
struct CompressionBound {
    struct Measurement {
        let chunks: Int
        let bytes: Int
        /// Wall-clock seconds of a pass where each core compresses whole chunks, one after another.
        let chunkPerCore: Double
        /// Wall-clock seconds of a pass where libblosc's own threads, one per core, share each chunk.
        let bloscThreads: Double

        /// The faster way: the bound.
        var seconds: Double { min(chunkPerCore, bloscThreads) }
    }

    let plateRoot: String
    let compressor: BloscCompressor
    let clevel: Int
    let shuffle: BloscShuffle

    /// Decodes the plate's chunks once, then times each way `runs` times; the medians count.
    func measure(runs: Int) throws -> Measurement {
        let store = FileStore(root: plateRoot)
        let pieces = try arrayPaths().flatMap { path in
            let array = try ZarrArrayReader.open(store: store, path: path)
            let typesize = array.metadata.dataType.byteSize
            return try Self.chunks(of: array).map { (bytes: $0, typesize: typesize) }
        }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let capacity = (pieces.map(\.bytes.count).max() ?? 0) + Int(BLOSC_MAX_OVERHEAD)
        let destination = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        defer { destination.deallocate() }
        let passes = max(1, runs)
        // Each core takes the next chunk of the whole plate and compresses it into a buffer of its own, so
        // neither array boundaries nor allocation add to the time.
        let chunkPerCore = Self.medianSeconds(passes) {
            let next = Mutex(0)
            DispatchQueue.concurrentPerform(iterations: cores) { _ in
                let destination = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
                defer { destination.deallocate() }
                while let index = next.withLock({ (value: inout Int) -> Int? in
                    defer { value += 1 }
                    return value < pieces.count ? value : nil
                }) {
                    compress(pieces[index].bytes, typesize: pieces[index].typesize, threads: 1, into: destination,
                             capacity: capacity)
                }
            }
        }
        let bloscThreads = Self.medianSeconds(passes) {
            for piece in pieces {
                compress(piece.bytes, typesize: piece.typesize, threads: cores, into: destination, capacity: capacity)
            }
        }
        return Measurement(chunks: pieces.count, bytes: pieces.reduce(0) { $0 + $1.bytes.count },
                           chunkPerCore: chunkPerCore, bloscThreads: bloscThreads)
    }

    private static func medianSeconds(_ passes: Int, _ body: () -> Void) -> Double {
        (0..<passes).map { _ in
            let started = ContinuousClock.now
            body()
            return (ContinuousClock.now - started) / .seconds(1)
        }.median
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

    private func compress(_ chunk: [UInt8], typesize: Int, threads: Int, into destination: UnsafeMutableRawPointer,
                          capacity: Int) {
        _ = chunk.withUnsafeBytes { source in
            blosc_compress_ctx(Int32(clevel), Int32(shuffle.v2Code), typesize, source.count, source.baseAddress, destination,
                               capacity, compressor.rawValue, 0, Int32(threads))
        }
    }
}
