/// A person's full name as the register keeps it: NFC, trimmed, single spaces.
public struct PersonName: Sendable, Hashable, CustomStringConvertible {
    public let text: String

    public enum Problem: Error, Sendable, Equatable {
        case missing
        /// Digits or control characters: not a name.
        case invalidCharacters
        /// Starts with `=`, `+`, `-` or `@` (or with `'` and one of them): a spreadsheet formula,
        /// never imported.
        case formula
        /// Longer than `maximumLength` characters.
        case tooLong
        /// Looks like TCVN3 (ABC) or VNI text read as Unicode (`NguyÔn`, `Nguyeãn`).
        case legacyEncoding(LegacyVietnameseEncoding)
    }

    public init(validated text: String) {
        self.text = text
    }

    /// The longest name the register keeps (the database's check says the same).
    public static let maximumLength = 100

    public static func parse(_ input: some StringProtocol) -> Result<PersonName, Problem> {
        let text = VietnameseText.clean(String(input))
        guard let first = text.first else { return .failure(.missing) }
        if "=+-@".contains(first) || (first == "'" && text.dropFirst().first.map { "=+-@".contains($0) } == true) {
            return .failure(.formula)
        }
        if text.count > maximumLength { return .failure(.tooLong) }
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            let value = scalar.value
            // A mark with no letter to sit on (after a space, or first).
            if previous == " " && scalar.properties.canonicalCombiningClass != .notReordered { return .failure(.invalidCharacters) }
            if value < 0x80 {
                if (0x30...0x39).contains(value) || value < 0x20 || value == 0x7F { return .failure(.invalidCharacters) }
            } else if (0x80...0x9F).contains(value) {
                return .failure(.invalidCharacters)
            } else if value > 0x24F && !(0x1E00...0x1EFF).contains(value) {
                let category = scalar.properties.generalCategory
                if category == .decimalNumber || category == .control || category == .format { return .failure(.invalidCharacters) }
            }
        }
        if let encoding = LegacyVietnameseEncoding.detect(in: text) { return .failure(.legacyEncoding(encoding)) }
        return .success(PersonName(validated: text))
    }

    /// The key under which spellings of this name compare equal (see `VietnameseText.matchingKey`).
    public var matchingKey: String { VietnameseText.matchingKey(text) }

    /// `Nguyễn V. A.`: family name whole, other names as initials, for showing on screen. A name
    /// of one word is its initial alone (`N.`): shown whole, it would be the name itself.
    public var masked: String {
        let words = text.split(separator: " ")
        guard let family = words.first else { return "" }
        if words.count == 1 { return "\(family.prefix(1))." }
        return ([String(family)] + words.dropFirst().map { "\($0.prefix(1))." }).joined(separator: " ")
    }

    public var description: String { masked }
}

/// Pre-Unicode Vietnamese encodings that spreadsheets still carry: text typed with TCVN3 (ABC)
/// or VNI fonts is plain bytes that read as nonsense letters in Unicode.
public enum LegacyVietnameseEncoding: String, Sendable {
    case tcvn3 = "TCVN3"
    case vni = "VNI"

    /// The legacy encoding this text seems to be in, or `nil` for ordinary Unicode text.
    ///
    /// Both encodings show up as Latin-1 characters (U+0080–U+00FF) where they should not be:
    /// - TCVN3 letters turn into the symbols U+00A1–U+00BF (`§` for Đ, `¨` ă, `©` â, `ª` ê…) and
    ///   into capitals inside a lower-case word ("NguyÔn");
    /// - VNI uses letters no Vietnamese word has (`Ñ` for Đ, `ø`, `ö`, `ï`…) and writes tones and
    ///   hats as a second letter after the vowel: `eã` (ễ), `aø` (à), `yù` (ý).
    public static func detect(in text: String) -> LegacyVietnameseEncoding? {
        var previous: UInt32 = 0x20
        for scalar in text.unicodeScalars {
            let value = scalar.value
            defer { previous = value }
            guard (0x80...0xFF).contains(value) else { continue }
            if (0xA1...0xBF).contains(value) { return .tcvn3 }
            if value >= 0xC0 && value <= 0xDE && value != 0xD7 && isLowercaseLetter(previous) { return .tcvn3 }
            switch value {
            case 0xD1, 0xF1, 0xF8, 0xD8, 0xF6, 0xD6, 0xE4, 0xC4, 0xEB, 0xCB, 0xEF, 0xCF, 0xE5, 0xC5, 0xE6, 0xC6, 0xFF:
                return .vni
            default: break
            }
            if isASCIIVowel(previous) {
                // ù û õ after any vowel; â ê ô ã à á after a or e.
                if [0xF9, 0xFB, 0xF5, 0xD9, 0xDB, 0xD5].contains(value) { return .vni }
                if [0x61, 0x65, 0x41, 0x45].contains(previous),
                   [0xE2, 0xEA, 0xF4, 0xE3, 0xE0, 0xE1, 0xC2, 0xCA, 0xD4, 0xC3, 0xC0, 0xC1].contains(value) { return .vni }
            }
        }
        return nil
    }

    private static func isASCIIVowel(_ value: UInt32) -> Bool {
        [0x61, 0x65, 0x69, 0x6F, 0x75, 0x79, 0x41, 0x45, 0x49, 0x4F, 0x55, 0x59].contains(value)
    }

    private static func isLowercaseLetter(_ value: UInt32) -> Bool {
        (0x61...0x7A).contains(value) || (0xDF...0xFF).contains(value) || ((0x100...0x24F).contains(value) && value % 2 == 1)
            || ((0x1E00...0x1EFF).contains(value) && value % 2 == 1)
    }
}
