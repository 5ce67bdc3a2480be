/// Display colours for channels: by emission wavelength when the plan gives it, else a fixed sequence.
enum ChannelColor {
    /// Blue, green, red, then the secondary colours and grey, the usual fluorescence order.
    private static let sequence = ["0000FF", "00FF00", "FF0000", "FF00FF", "00FFFF", "FFFF00", "FFFFFF"]

    static func hex(forPosition position: Int, of count: Int, emissionNanometres: Double?) -> String {
        if let emission = emissionNanometres {
            switch emission {
            case ..<500: return "0000FF"
            case ..<570: return "00FF00"
            case ..<640: return "FF0000"
            default: return "FF00FF"
            }
        }
        return count == 1 ? "FFFFFF" : sequence[position % sequence.count]
    }
}
