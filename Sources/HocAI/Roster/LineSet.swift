/// A set of line numbers, one bit each: a 2,000,000-line file costs 250 KB.
struct LineSet: Sendable {
    private var words: [UInt64] = []
    private(set) var count = 0

    mutating func insert(_ line: Int) {
        precondition(line >= 0)
        let word = line >> 6, bit = UInt64(1) << UInt64(line & 63)
        if word >= words.count { words.append(contentsOf: repeatElement(0, count: word + 1 - words.count)) }
        if words[word] & bit == 0 {
            words[word] |= bit
            count += 1
        }
    }

    mutating func remove(_ line: Int) {
        let word = line >> 6, bit = UInt64(1) << UInt64(line & 63)
        if line >= 0 && word < words.count && words[word] & bit != 0 {
            words[word] &= ~bit
            count -= 1
        }
    }

    func contains(_ line: Int) -> Bool {
        let word = line >> 6
        return line >= 0 && word < words.count && words[word] & (UInt64(1) << UInt64(line & 63)) != 0
    }
}
