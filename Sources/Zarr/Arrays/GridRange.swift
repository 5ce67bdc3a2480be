/// A box of N-d integer coordinates, visited in C order (last dimension fastest).
struct GridRange {
    let lower: [Int]
    let counts: [Int]

    /// Total number of coordinates in the box.
    var count: Int { counts.reduce(1, *) }

    /// Calls `body` with every coordinate in the box; an empty box calls nothing.
    func forEach<Failure: Error>(_ body: ([Int]) throws(Failure) -> Void) throws(Failure) {
        guard !counts.contains(where: { $0 <= 0 }) else { return }
        var coordinates = lower
        while true {
            try body(coordinates)
            var dimension = counts.count - 1
            while dimension >= 0 {
                coordinates[dimension] += 1
                if coordinates[dimension] < lower[dimension] + counts[dimension] { break }
                coordinates[dimension] = lower[dimension]
                dimension -= 1
            }
            if dimension < 0 { return }
        }
    }
}
