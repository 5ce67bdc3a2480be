/// A channel number for instruments that name channels in file names instead of numbering them (scanR,
/// IN Cell's `wv DAPI - DAPI`), for files no plan places: channels end up ordered by name.
enum ChannelNameOrder {
    /// The first nine characters of the lower-cased name, seven bits each, as one non-negative number; names
    /// that share those characters share a number, and their planes are reported as duplicates.
    static func number(for name: String) -> Int {
        let bytes = Array(name.lowercased().utf8.prefix(9))
        return (0..<9).reduce(0) { code, index in code << 7 | Int(index < bytes.count ? min(bytes[index], 0x7F) : 0) }
    }
}
