@testable import PlateDropWeb
import Testing
import Zarr

@Suite("Channel colours and windows")
struct ChannelLookTests {
    @Test("a channel maps its window onto its colour")
    func omeroChannel() {
        let look = ChannelLook(["color": "00FF80", "window": ["start": 100, "end": 300], "active": true], dataType: .uint16)
        #expect(look.red == 0 && look.green == 1 && abs(look.blue - 128.0 / 255) < 1e-9)
        #expect(look.level(50) == 0 && look.level(200) == 0.5 && look.level(1000) == 1)
    }

    @Test("without metadata a channel is white over its data type's range")
    func defaults() {
        let look = ChannelLook(nil, dataType: .uint8)
        #expect(look.red == 1 && look.green == 1 && look.blue == 1 && look.active)
        #expect(look.level(255) == 1 && look.level(0) == 0)
    }

    @Test("samples decode in host byte order")
    func samples() {
        #expect(SampleValues.decode([1, 0, 0, 1], as: .uint16) == [1, 256])
        #expect(SampleValues.decode([0xFF], as: .int8) == [-1])
    }
}
