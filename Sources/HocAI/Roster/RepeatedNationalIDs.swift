/// The CCCDs a file may name more than once, found in one pass and fixed memory.
///
/// A Bloom filter of the CCCDs seen so far (8 MiB) answers "maybe seen" for every repeat and,
/// rarely, for a first sight (about one in 9,000 at 500,000 rows, one in 640 at 2,000,000).
/// The checks within a file then look only at the rows of these candidates, instead of grouping
/// every staged row by CCCD; a false candidate costs a row looked at for nothing.
///
/// A CCCD's three bits lie in one 64-bit word (a blocked filter): one memory access a row on
/// the thread reading the file. Where they lie (`Probe`) is computed by the workers.
struct RepeatedNationalIDs {
    private static let wordCount = 1 << 20
    private var words = [UInt64](repeating: 0, count: RepeatedNationalIDs.wordCount)
    private(set) var candidates: Set<String> = []

    /// A CCCD and where its bits lie in the filter.
    struct Probe: Sendable {
        let id: NationalID
        let word: Int
        let bits: UInt64

        init(_ id: NationalID) {
            self.id = id
            var value: UInt64 = 0
            for byte in id.digits.utf8 { value = value &* 10 &+ UInt64(byte &- 0x30) }
            // One multiplicative hash of the 40-bit number: 20 bits choose the word, three
            // 6-bit fields the bits in it.
            let hash = (value &+ 1) &* 0x9E37_79B9_7F4A_7C15
            word = Int(hash >> 44)
            bits = 1 << ((hash >> 6) & 63) | 1 << ((hash >> 12) & 63) | 1 << ((hash >> 18) & 63)
        }
    }

    mutating func see(_ probe: Probe) {
        let old = words[probe.word]
        if old & probe.bits == probe.bits {
            candidates.insert(probe.id.digits)
        } else {
            words[probe.word] = old | probe.bits
        }
    }
}
