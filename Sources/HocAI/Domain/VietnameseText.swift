import Foundation

/// Text rules for Vietnamese names as they arrive from spreadsheets.
public enum VietnameseText {
    /// The five tone marks as combining characters. Old and new orthography place them on
    /// different vowels (Hòa / Hoà, Thụy / Thuỵ); both spell the same name.
    static let toneMarks: Set<Unicode.Scalar> = ["\u{0300}", "\u{0301}", "\u{0303}", "\u{0309}", "\u{0323}"]

    /// NFC, trimmed, inner runs of white space collapsed to one space.
    public static func clean(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping
            .split(whereSeparator: { $0.isWhitespace })
            .joined(separator: " ")
    }

    /// A key under which spellings of one name compare equal: case, white space, Unicode form
    /// (NFC/NFD) and tone-mark placement are ignored; letters and their other marks are kept,
    /// so "Hà" and "Hạ" stay different.
    public static func matchingKey(_ text: String) -> String {
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
