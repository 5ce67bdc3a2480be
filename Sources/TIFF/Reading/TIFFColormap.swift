internal import CTIFF

/// The colour map of a palette page (TIFF 6.0 §5), read to tell a grey ramp from real colours.
///
/// Conversion tools (Photoshop, ImageJ, older acquisition software) save 8-bit grey images as palette
/// images whose three tables are one linear ramp from black; an index then is the grey value itself, so
/// such a page reads as greyscale. Any other palette maps indices to colours and stays unsupported.
enum TIFFColormap {
    /// Whether the colour map of the current directory of `handle` is a linear grey ramp over
    /// 2^`bitsPerSample` entries: red, green and blue equal, the first entry black, every entry on the
    /// straight line to the last (within one unit of rounding, so both `i × 256` and `i × 257` count).
    static func isGreyRamp(handle: OpaquePointer, bitsPerSample: UInt16) -> Bool {
        guard bitsPerSample == 8 || bitsPerSample == 16 else { return false }
        var red: UnsafePointer<UInt16>?
        var green: UnsafePointer<UInt16>?
        var blue: UnsafePointer<UInt16>?
        guard ctiff_get_colormap(handle, &red, &green, &blue) != 0, let red, let green, let blue else { return false }
        let lastIndex = (1 << Int(bitsPerSample)) - 1
        let top = Int(red[lastIndex])
        guard red[0] == 0, top > 0 else { return false }
        for index in 0...lastIndex {
            guard red[index] == green[index], red[index] == blue[index] else { return false }
            // |entry − index × top / lastIndex| ≤ 1, kept in integers.
            guard abs(Int(red[index]) * lastIndex - index * top) <= lastIndex else { return false }
        }
        return true
    }
}
