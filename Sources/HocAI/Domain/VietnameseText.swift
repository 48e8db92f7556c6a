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

    /// Control characters, and characters that are invisible or turn text around on a screen:
    /// zero-width spaces and joiners, bidirectional marks, embeddings, overrides and isolates,
    /// the byte-order mark. None belongs in a name, a centre's name or a reason (the database's
    /// checks refuse the same).
    public static func isInvisibleOrControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF: true
        default: false
        }
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
/// It works on UTF-8 bytes (an import computes one key a row; this is a tenth of a learner
/// roster's parse time as scalars and dictionaries, a fiftieth as bytes).
final class MatchingKeyTable: Sendable {
    static let shared = MatchingKeyTable()

    /// Every Vietnamese letter is below U+1F00 (Latin-1, Latin Extended-A/B, Latin Extended
    /// Additional); scalars from here up are copied as they are.
    private static let limit: UInt32 = 0x1F00

    /// Per scalar below `limit`: 0 (copy it), or where its lower-case base letters' bytes are
    /// in `pool` (offset in the high bits, length in bits 8-11), followed there by the second
    /// UTF-8 byte of each of its tone marks (count in bits 0-1: the five marks are U+03xx, so
    /// their first byte is always 0xCC). Most letters carry one mark; ṍ and ṹ carry two.
    private let entries: [UInt32]
    private let pool: [UInt8]

    private init() {
        var entries = [UInt32](repeating: 0, count: Int(Self.limit))
        var pool: [UInt8] = []
        let ranges: [ClosedRange<UInt32>] = [0xC0...0x24F, 0x1E00...0x1EFF]
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                var base: [UInt8] = []
                var tones: [UInt8] = []
                for part in String(scalar).lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
                    if VietnameseText.toneMarks.contains(part) {
                        tones.append(UInt8(0x80 | (part.value & 0x3F)))
                    } else {
                        base.append(contentsOf: String(part).utf8)
                    }
                }
                precondition(base.count < 16 && tones.count < 4)
                entries[Int(value)] = UInt32(pool.count) << 12 | UInt32(base.count) << 8 | UInt32(tones.count)
                pool.append(contentsOf: base + tones)
            }
        }
        self.entries = entries
        self.pool = pool
    }

    func key(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var key: [UInt8] = []
            key.reserveCapacity(bytes.count + 4)
            // The word's tone marks, each its second UTF-8 byte: eight in a word without
            // allocating, more (no real word has them) in `moreTones`.
            var tones: UInt64 = 0
            var toneCount = 0
            var moreTones: [UInt8] = []
            func flushTones() {
                for index in 0..<toneCount {
                    key.append(0xCC)
                    key.append(UInt8(truncatingIfNeeded: tones >> (8 * UInt64(index))))
                }
                for tone in moreTones {
                    key.append(0xCC)
                    key.append(tone)
                }
                tones = 0
                toneCount = 0
                moreTones.removeAll()
            }
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    if byte == 0x20 { flushTones() }
                    key.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                    index += 1
                    continue
                }
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for next in 1..<length { value = value << 6 | UInt32(bytes[index + next] & 0x3F) }
                let entry = value < Self.limit ? entries[Int(value)] : 0
                if entry == 0 {
                    key.append(contentsOf: bytes[index..<index + length])
                } else {
                    let offset = Int(entry >> 12), count = Int(entry >> 8 & 0xF)
                    key.append(contentsOf: pool[offset..<offset + count])
                    for tone in pool[offset + count..<offset + count + Int(entry & 0x3)] {
                        if toneCount < 8 {
                            tones |= UInt64(tone) << (8 * UInt64(toneCount))
                            toneCount += 1
                        } else {
                            moreTones.append(tone)
                        }
                    }
                }
                index += length
            }
            flushTones()
            return String(decoding: key, as: UTF8.self)
        }
    }
}
