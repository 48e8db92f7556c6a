/// A certificate's public code: 11 random characters of Crockford's base 32 and a check
/// character (Damm's algorithm over GF(32)), shown in groups of four for reading aloud:
/// `7KQ2-M9XD-4PT8`.
///
/// Crockford's alphabet leaves out I, L, O and U, so codes read aloud or copied by hand survive;
/// on input, I and L read as 1 and O as 0. The check character catches every single-character
/// mistake and swapped neighbours, so a mistyped code is told apart from an unknown one.
/// 55 random bits make codes unguessable.
public struct CertificateCode: Sendable, Hashable, CustomStringConvertible {
    static let alphabet: [Character] = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    static let randomLength = 11

    /// The 12 characters without separators, as stored.
    public let value: String

    public enum Problem: Error, Sendable, Equatable {
        /// Not 12 characters of the alphabet.
        case malformed
        /// The right shape, but the check character disagrees: a typo.
        case checkFailed
    }

    init(trusted value: String) {
        self.value = value
    }

    /// A fresh random code: 55 bits of one 64-bit draw, five bits a character.
    public static func random<G: RandomNumberGenerator>(using generator: inout G) -> CertificateCode {
        let bits = generator.next()
        let values = (0..<randomLength).lazy.map { Int((bits >> (5 * UInt64($0))) & 31) }
        let check = checkValue(for: values)
        // Written in place: an import draws a code for every row with a pass.
        return CertificateCode(trusted: String(unsafeUninitializedCapacity: randomLength + 1) { buffer in
            for (index, value) in values.enumerated() { buffer[index] = alphabetBytes[value] }
            buffer[randomLength] = alphabetBytes[check]
            return randomLength + 1
        })
    }

    public static func random() -> CertificateCode {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    private static let alphabetBytes: [UInt8] = alphabet.map { $0.asciiValue! }

    /// Reads a code as a person types it: any case, with or without dashes and spaces.
    public static func parse(_ input: some StringProtocol) -> Result<CertificateCode, Problem> {
        var values: [Int] = []
        for character in input.uppercased() {
            if character == "-" || character == " " { continue }
            guard let value = decode(character) else { return .failure(.malformed) }
            values.append(value)
        }
        guard values.count == randomLength + 1 else { return .failure(.malformed) }
        guard checkValue(for: Array(values.prefix(randomLength))) == values.last else { return .failure(.checkFailed) }
        return .success(CertificateCode(trusted: String(values.map { alphabet[$0] })))
    }

    /// For a code of the right length whose check character disagrees: the well-formed codes one
    /// slip away (one character changed, or two neighbours swapped), which is what the check
    /// character catches. They are only shapes: whether any exists is for a lookup to say.
    public static func candidates(for input: some StringProtocol) -> [CertificateCode] {
        var values: [Int] = []
        for character in input.uppercased() where character != "-" && character != " " {
            guard let value = decode(character) else { return [] }
            values.append(value)
        }
        guard values.count == randomLength + 1 else { return [] }
        var found: [String] = []
        func consider(_ candidate: [Int]) {
            guard checkValue(for: candidate.prefix(randomLength)) == candidate[randomLength] else { return }
            let text = String(candidate.map { alphabet[$0] })
            if !found.contains(text) { found.append(text) }
        }
        for index in 0..<values.count - 1 where values[index] != values[index + 1] {
            var swapped = values
            swapped.swapAt(index, index + 1)
            consider(swapped)
        }
        for index in values.indices {
            for value in 0..<alphabet.count where value != values[index] {
                var changed = values
                changed[index] = value
                consider(changed)
            }
        }
        return found.map(CertificateCode.init(trusted:))
    }

    static func decode(_ character: Character) -> Int? {
        switch character {
        case "O": return 0
        case "I", "L": return 1
        default: return alphabet.firstIndex(of: character)
        }
    }

    /// Damm's check over the quasigroup x∘y = 2·x + y in GF(32) (modulus x⁵ + x² + 1), which is
    /// totally anti-symmetric: every substituted character and every swap of two neighbours
    /// changes the result (Luhn mod 32 misses some swaps, such as 0 and Z).
    static func checkValue(for values: some Sequence<Int>) -> Int {
        double(values.reduce(0) { double($0) ^ $1 })
    }

    /// Multiplication by x in GF(32).
    private static func double(_ value: Int) -> Int {
        let shifted = value << 1
        return shifted & 0x20 != 0 ? shifted ^ 0x25 : shifted
    }

    /// `7KQ2-M9XD-4PT8`.
    public var grouped: String {
        let characters = Array(value)
        return stride(from: 0, to: characters.count, by: 4).map { String(characters[$0..<min($0 + 4, characters.count)]) }
            .joined(separator: "-")
    }

    public var description: String { grouped }
}
