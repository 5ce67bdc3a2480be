import Zarr

/// How one channel is drawn: its omero colour and window; without them, white over the data type's range.
struct ChannelLook {
    let red: Double
    let green: Double
    let blue: Double
    let start: Double
    let end: Double
    let active: Bool

    init(_ channel: JSONValue?, dataType: ZarrDataType) {
        let colour = channel?["color"]?.stringValue.flatMap { UInt32($0, radix: 16) } ?? 0xFFFFFF
        red = Double((colour >> 16) & 0xFF) / 255
        green = Double((colour >> 8) & 0xFF) / 255
        blue = Double(colour & 0xFF) / 255
        let window = channel?["window"]
        start = window?["start"]?.doubleValue ?? 0
        end = window?["end"]?.doubleValue ?? SampleValues.typicalMaximum(dataType)
        active = channel?["active"]?.boolValue ?? true
    }

    /// 0 at the window's start, 1 at its end and above.
    func level(_ value: Double) -> Double {
        guard end > start else { return value >= end ? 1 : 0 }
        return min(1, max(0, (value - start) / (end - start)))
    }
}
