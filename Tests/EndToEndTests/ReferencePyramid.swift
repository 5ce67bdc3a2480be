import Foundation

/// The pyramid rule written out plainly: each output pixel is the mean of the 2×2 block it covers,
/// or of the pixels present at odd right and bottom edges; integers round half up.
enum ReferencePyramid {
    static func halve(_ values: [Double], height: Int, width: Int, roundsToInteger: Bool) -> [Double] {
        let outHeight = (height + 1) / 2, outWidth = (width + 1) / 2
        var result = [Double](repeating: 0, count: outHeight * outWidth)
        for outY in 0..<outHeight {
            for outX in 0..<outWidth {
                var sum = 0.0, count = 0.0
                for y in (2 * outY)..<min(2 * outY + 2, height) {
                    for x in (2 * outX)..<min(2 * outX + 2, width) {
                        sum += values[y * width + x]
                        count += 1
                    }
                }
                let mean = sum / count
                result[outY * outWidth + outX] = roundsToInteger ? (mean + 0.5).rounded(.down) : mean
            }
        }
        return result
    }
}
