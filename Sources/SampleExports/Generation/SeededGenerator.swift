/// xoshiro256** (Blackman & Vigna), seeded through SplitMix64: fast, reproducible, good enough for synthetic images.
struct SeededGenerator: RandomNumberGenerator {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose stream depends on every value in `components`, in order.
    init(mixing components: [Int]) {
        var seed: UInt64 = 0x853C_49E6_748F_EA9B
        for component in components {
            var mixer = seed ^ UInt64(bitPattern: Int64(component))
            seed = Self.splitMix(&mixer)
        }
        var mixer = seed
        state = (Self.splitMix(&mixer), Self.splitMix(&mixer), Self.splitMix(&mixer), Self.splitMix(&mixer))
    }

    mutating func next() -> UInt64 {
        let result = Self.rotatedLeft(state.1 &* 5, by: 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = Self.rotatedLeft(state.3, by: 45)
        return result
    }

    /// An approximately standard-normal value from one draw: the sum of four 16-bit uniforms
    /// (Irwin–Hall), centred and scaled to unit variance. Cheap enough for per-pixel noise.
    mutating func nextNormal() -> Float {
        let bits = next()
        let sum = Float(bits & 0xFFFF) + Float((bits >> 16) & 0xFFFF) + Float((bits >> 32) & 0xFFFF) + Float(bits >> 48)
        // Mean 4 × 65535 / 2; standard deviation sqrt(4 × (65536² − 1) / 12).
        return (sum - 131_070) * (1 / 37_837.23)
    }

    private static func rotatedLeft(_ value: UInt64, by count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }

    private static func splitMix(_ value: inout UInt64) -> UInt64 {
        value &+= 0x9E37_79B9_7F4A_7C15
        var mixed = value
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
