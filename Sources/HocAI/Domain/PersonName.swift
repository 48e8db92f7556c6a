/// A person's full name as the register keeps it: NFC, trimmed, single spaces.
public struct PersonName: Sendable, Hashable, CustomStringConvertible {
    public let text: String

    public enum Problem: Error, Sendable, Equatable {
        case missing
        /// Digits or control characters: not a name.
        case invalidCharacters
        /// Starts with `=`, `+`, `-` or `@`: a spreadsheet formula, never imported.
        case formula
        /// Looks like TCVN3 (ABC) or VNI text read as Unicode (`NguyÔn`, `Nguyeãn`).
        case legacyEncoding
    }

    public init(validated text: String) {
        self.text = text
    }

    public static func parse(_ input: some StringProtocol) -> Result<PersonName, Problem> {
        let text = VietnameseText.clean(String(input))
        guard let first = text.first else { return .failure(.missing) }
        if "=+-@".contains(first) { return .failure(.formula) }
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .decimalNumber || scalar.properties.generalCategory == .control
                || scalar.properties.generalCategory == .format {
                return .failure(.invalidCharacters)
            }
        }
        if LegacyVietnameseEncoding.detect(in: text) != nil { return .failure(.legacyEncoding) }
        return .success(PersonName(validated: text))
    }

    /// The key under which spellings of this name compare equal (see `VietnameseText.matchingKey`).
    public var matchingKey: String { VietnameseText.matchingKey(text) }

    /// `Nguyễn V. A.`: family name whole, other names as initials, for showing on screen.
    public var masked: String {
        let words = text.split(separator: " ")
        guard let family = words.first else { return "" }
        return ([String(family)] + words.dropFirst().map { "\($0.prefix(1))." }).joined(separator: " ")
    }

    public var description: String { masked }
}

/// Pre-Unicode Vietnamese encodings that spreadsheets still carry: text typed with TCVN3 (ABC)
/// or VNI fonts is plain bytes that read as nonsense letters in Unicode.
public enum LegacyVietnameseEncoding: String, Sendable {
    case tcvn3 = "TCVN3"
    case vni = "VNI"

    /// Characters TCVN3 letters turn into (U+00A1–U+00BF: `§` for Đ, `¨` ă, `©` â, `ª` ê, `«` ô…).
    private static func isTCVN3Symbol(_ scalar: Unicode.Scalar) -> Bool {
        (0xA1...0xBF).contains(scalar.value)
    }

    /// Letters no Vietnamese word uses but VNI text shows (`Ñ` for Đ, `ø` huyền, `ï` nặng…).
    private static let vniLetters: Set<Unicode.Scalar> = ["Ñ", "ñ", "ø", "Ø", "ö", "Ö", "ä", "Ä", "ë", "Ë", "ï", "Ï", "å", "Å", "æ", "Æ", "ÿ"]
    /// VNI writes a tone or a hat as a second letter after the vowel: `eã` (ễ), `aø` (à), `yù` (ý).
    private static let vniMarksAfterAnyVowel: Set<Unicode.Scalar> = ["ù", "û", "õ", "Ù", "Û", "Õ"]
    private static let vniMarksAfterAOrE: Set<Unicode.Scalar> = ["â", "ê", "ô", "ã", "à", "á", "Â", "Ê", "Ô", "Ã", "À", "Á"]
    private static let asciiVowels: Set<Unicode.Scalar> = ["a", "e", "i", "o", "u", "y", "A", "E", "I", "O", "U", "Y"]

    /// The legacy encoding this text seems to be in, or `nil` for ordinary Unicode text.
    public static func detect(in text: String) -> LegacyVietnameseEncoding? {
        var previous: Unicode.Scalar = " "
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            if isTCVN3Symbol(scalar) { return .tcvn3 }
            // TCVN3 capitals inside a lower-case word: "NguyÔn".
            if scalar.value > 0x7F, scalar.properties.isUppercase, previous.properties.isLowercase { return .tcvn3 }
            if vniLetters.contains(scalar) { return .vni }
            if asciiVowels.contains(previous) {
                if vniMarksAfterAnyVowel.contains(scalar) { return .vni }
                if "aeAE".unicodeScalars.contains(previous), vniMarksAfterAOrE.contains(scalar) { return .vni }
            }
            previous = scalar
        }
        return nil
    }
}
