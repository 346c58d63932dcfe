/// A seeded pseudo-random generator (SplitMix64): deterministic across runs and platforms. The
/// client's back-off jitter and the emulator's faults use it, so seeded runs repeat exactly.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// One step from `value`: a well-mixed 64-bit hash of it.
    public static func mix(_ value: UInt64) -> UInt64 {
        var random = SplitMix64(seed: value)
        return random.next()
    }
    /// A double in [0, 1).
    public mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
