/// An independent statement of the pyramid rule: every output pixel is the mean of the (up to four)
/// input pixels of its 2×2 block that exist; integers are rounded half up, i.e. floor(mean + ½).
enum ReferenceHalving {
    /// Halves a row-major `height` × `width` plane.
    static func halve(_ values: [Double], height: Int, width: Int, integers: Bool) -> [Double] {
        let outHeight = (height + 1) / 2, outWidth = (width + 1) / 2
        var output: [Double] = []
        output.reserveCapacity(outHeight * outWidth)
        for outY in 0..<outHeight {
            for outX in 0..<outWidth {
                let ys = [2 * outY, 2 * outY + 1].filter { $0 < height }
                let xs = [2 * outX, 2 * outX + 1].filter { $0 < width }
                let present = ys.flatMap { y in xs.map { x in values[y * width + x] } }
                output.append(integers ? roundedIntegerMean(present) : present.reduce(0, +) / Double(present.count))
            }
        }
        return output
    }

    /// floor(sum / n + ½) = floor((2·sum + n) / 2n), exact in integer arithmetic; for four values that is
    /// floor((sum + 2) / 4).
    static func roundedIntegerMean(_ values: [Double]) -> Double {
        let sum = values.reduce(0) { $0 + Int64($1) }
        let count = Int64(values.count)
        return Double(floorDivision(2 * sum + count, 2 * count))
    }

    /// Division rounding towards minus infinity (Swift's `/` rounds towards zero).
    static func floorDivision(_ dividend: Int64, _ divisor: Int64) -> Int64 {
        let quotient = dividend / divisor
        return (dividend % divisor != 0) && ((dividend < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
