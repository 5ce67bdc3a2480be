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
            let pieces = Self.chunks(of: try array.readAll(), metadata: array.metadata)
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

    /// The array cut into the chunks its codec compresses (inner chunks when sharded), edge chunks padded
    /// with zeros as a Zarr writer pads them.
    private static func chunks(of data: [UInt8], metadata: ArrayMetadata) -> [[UInt8]] {
        let shape = metadata.shape, chunk = metadata.codecChunkShape, element = metadata.dataType.byteSize
        let grid = zip(shape, chunk).map { ($0 + $1 - 1) / $1 }
        let rowElements = chunk[chunk.count - 1]
        var result: [[UInt8]] = []
        for gridIndex in 0..<grid.reduce(1, *) {
            let chunkOrigin = unflatten(gridIndex, shape: grid).enumerated().map { $1 * chunk[$0] }
            var piece = [UInt8](repeating: 0, count: chunk.reduce(1, *) * element)
            for rowIndex in 0..<chunk.dropLast().reduce(1, *) {
                let within = unflatten(rowIndex, shape: Array(chunk.dropLast())) + [0]
                let position = zip(chunkOrigin, within).map(+)
                guard zip(position.dropLast(), shape.dropLast()).allSatisfy({ $0 < $1 }) else { continue }
                let count = min(rowElements, shape[shape.count - 1] - position[position.count - 1])
                let source = flatten(position, shape: shape) * element
                piece.replaceSubrange((rowIndex * rowElements * element)..<((rowIndex * rowElements + count) * element),
                                      with: data[source..<(source + count * element)])
            }
            result.append(piece)
        }
        return result
    }

    private static func unflatten(_ index: Int, shape: [Int]) -> [Int] {
        var remainder = index
        return shape.reversed().map { extent in
            defer { remainder /= extent }
            return remainder % extent
        }.reversed()
    }

    private static func flatten(_ position: [Int], shape: [Int]) -> Int {
        zip(position, shape).reduce(0) { $0 * $1.1 + $1.0 }
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
