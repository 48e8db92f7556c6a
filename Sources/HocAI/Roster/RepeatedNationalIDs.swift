/// The CCCDs a file may name more than once, found in one pass and fixed memory.
///
/// A Bloom filter of the CCCDs seen so far (8 MiB, two probes) answers "maybe seen" for every
/// repeat and, rarely, for a first sight (about one in 4,000 at 500,000 rows, one in 270 at
/// 2,000,000). The checks within a file then look only at the rows of these candidates, instead
/// of grouping every staged row by CCCD; a false candidate costs a row looked at for nothing.
struct RepeatedNationalIDs {
    private static let bitCount = 1 << 26
    private var words = [UInt64](repeating: 0, count: RepeatedNationalIDs.bitCount / 64)
    private(set) var candidates: Set<String> = []

    mutating func see(_ id: NationalID) {
        var value: UInt64 = 0
        for byte in id.digits.utf8 { value = value &* 10 &+ UInt64(byte &- 0x30) }
        // Two probes from one multiplicative hash of the 40-bit number.
        let hash = (value &+ 1) &* 0x9E37_79B9_7F4A_7C15
        let first = Int(hash >> 38), second = Int((hash >> 12) & UInt64(Self.bitCount - 1))
        let seen = isSet(first) && isSet(second)
        set(first)
        set(second)
        if seen { candidates.insert(id.digits) }
    }

    private func isSet(_ bit: Int) -> Bool { words[bit >> 6] & (1 << UInt64(bit & 63)) != 0 }
    private mutating func set(_ bit: Int) { words[bit >> 6] |= 1 << UInt64(bit & 63) }
}
