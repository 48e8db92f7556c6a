import Foundation

/// Text rules for Vietnamese names as they arrive from spreadsheets.
public enum VietnameseText {
    /// The five tone marks as combining characters. Old and new orthography place them on
    /// different vowels (Hòa / Hoà, Thụy / Thuỵ); both spell the same name.
    static let toneMarks: Set<Unicode.Scalar> = ["\u{0300}", "\u{0301}", "\u{0303}", "\u{0309}", "\u{0323}"]

    /// NFC, trimmed, inner runs of white space collapsed to one space.
    public static func clean(_ text: String) -> String {
        if isClean(text) { return text }
        // Scalar by scalar, not by Character: a combining mark after white space would otherwise
        // join the space into one Character and a second cleaning would differ from the first.
        var cleaned = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !cleaned.isEmpty
                continue
            }
            if pendingSpace {
                cleaned.append(" ")
                pendingSpace = false
            }
            cleaned.append(scalar)
        }
        return String(cleaned)
    }

    /// Whether `text` is already what `clean` makes: no white space but single inner spaces, and
    /// only letters that are NFC as they stand (ASCII and the precomposed Latin ranges, which
    /// hold every Vietnamese letter). The common case, checked in one pass over the bytes.
    static func isClean(_ text: String) -> Bool {
        var previousSpace = true
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value == 0x20 {
                if previousSpace { return false }
                previousSpace = true
                continue
            }
            previousSpace = false
            if value < 0x20 || value == 0x7F { return false }
            if value < 0x7F { continue }
            guard (0xC0...0x24F).contains(value) || (0x1E00...0x1EFF).contains(value) else { return false }
        }
        return !previousSpace
    }

    /// A key under which spellings of one name compare equal: case, white space, Unicode form
    /// (NFC/NFD) and tone-mark placement are ignored; letters and their other marks are kept,
    /// so "Hà" and "Hạ" stay different.
    public static func matchingKey(_ text: String) -> String {
        if isClean(text) { return MatchingKeyTable.shared.key(text) }
        var key = ""
        for word in clean(text).lowercased().split(separator: " ") {
            if !key.isEmpty { key += " " }
            var letters = String.UnicodeScalarView()
            var tones = String.UnicodeScalarView()
            for scalar in String(word).decomposedStringWithCanonicalMapping.unicodeScalars {
                if toneMarks.contains(scalar) { tones.append(scalar) } else { letters.append(scalar) }
            }
            letters.append(contentsOf: tones)
            key += String(letters)
        }
        return key
    }

    /// A coarser key with every mark removed (đ as d): for suggestions, never for identity.
    public static func foldedKey(_ text: String) -> String {
        var folded = String.UnicodeScalarView()
        for scalar in clean(text).lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            folded.append(scalar == "đ" ? "d" : scalar)
        }
        return String(folded)
    }

    /// Levenshtein distance over Unicode scalars.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

/// The matching key of clean text, letter by letter from a table built once: each precomposed
/// letter maps to its lower-case base letters and its tone mark, so no string is decomposed.
final class MatchingKeyTable: Sendable {
    static let shared = MatchingKeyTable()

    private let letters: [UInt32: (base: String.UnicodeScalarView, tone: Unicode.Scalar?)]

    private init() {
        var letters: [UInt32: (String.UnicodeScalarView, Unicode.Scalar?)] = [:]
        let ranges: [ClosedRange<UInt32>] = [0xC0...0x24F, 0x1E00...0x1EFF, 0x41...0x5A]
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                var base = String.UnicodeScalarView()
                var tone: Unicode.Scalar?
                for part in String(scalar).lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
                    if VietnameseText.toneMarks.contains(part) { tone = part } else { base.append(part) }
                }
                letters[value] = (base, tone)
            }
        }
        self.letters = letters
    }

    func key(_ text: String) -> String {
        var key = String.UnicodeScalarView()
        var tones = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == " " {
                key.append(contentsOf: tones)
                tones = String.UnicodeScalarView()
                key.append(scalar)
            } else if scalar.value < 0x41 || (scalar.value > 0x5A && scalar.value < 0x80) {
                key.append(scalar)
            } else if let entry = letters[scalar.value] {
                key.append(contentsOf: entry.base)
                if let tone = entry.tone { tones.append(tone) }
            } else {
                key.append(scalar)
            }
        }
        key.append(contentsOf: tones)
        return String(key)
    }
}
