import Foundation
import PostgresLibPQ

/// A commune-level unit (xã or phường) of Thái Nguyên, in force from 2025-07-01.
public struct Commune: Sendable, Equatable, Hashable {
    public enum Kind: String, Sendable {
        case ward = "phuong"
        case commune = "xa"

        public var vietnameseTitle: String { self == .ward ? "Phường" : "Xã" }
    }

    /// The official 5-digit code, kept as text for its leading zero.
    public let code: String
    /// The name without the Xã/Phường prefix, NFC.
    public let name: String
    public let kind: Kind

    public init(code: String, name: String, kind: Kind) {
        self.code = code
        self.name = name
        self.kind = kind
    }

    /// "Xã Đại Từ", "Phường Phan Đình Phùng".
    public var fullName: String { "\(kind.vietnameseTitle) \(name)" }
}

/// The 92 communes, looked up by official code or by name as people write it.
public struct CommuneDirectory: Sendable {
    public let communes: [Commune]
    private let byCode: [String: Commune]
    private let byKey: [String: Commune]

    public init(communes: [Commune]) {
        self.communes = communes
        byCode = Dictionary(communes.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        byKey = Dictionary(communes.map { (VietnameseText.matchingKey($0.name), $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Loads the directory from the database's `communes` table, in official order.
    public static func load(from connection: PostgresConnection) throws -> CommuneDirectory {
        let rows = try connection.query("SELECT code, name, kind FROM communes ORDER BY position").rows
        return CommuneDirectory(communes: try rows.map { row in
            let (code, name, kind) = try row.decode((String, String, String).self)
            return Commune(code: code, name: name, kind: Commune.Kind(rawValue: kind) ?? .commune)
        })
    }

    /// The official list as the project ships it (`sql/data/thai-nguyen-communes-2025.csv`:
    /// `code,name,kind`, UTF-8), for tools that run without a database.
    public static func shipped(sqlDirectory: URL) throws -> CommuneDirectory {
        let url = sqlDirectory.appendingPathComponent("data/thai-nguyen-communes-2025.csv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw HocAIError.fileUnreadable(url.path, reason: LocalizedText(vi: "không có tệp này", en: "there is no such file"))
        }
        var communes: [Commune] = []
        for line in text.split(whereSeparator: { $0.isNewline }).dropFirst() {
            let cells: [String] = line.split(separator: ",").map { String($0) }
            guard cells.count == 3, let kind = Commune.Kind(rawValue: cells[2]) else { continue }
            communes.append(Commune(code: cells[0], name: cells[1], kind: kind))
        }
        return CommuneDirectory(communes: communes)
    }

    private static let prefixes = ["thị trấn ", "phường ", "xã ", "tt. ", "tt ", "p. ", "x. "]

    /// Finds a commune by its code (with or without the leading zero) or its name, with or without
    /// the Xã/Phường prefix, ignoring case, Unicode form and tone-mark placement.
    public func find(_ input: String) -> Commune? {
        let cleaned = VietnameseText.clean(input)
        if !cleaned.isEmpty, cleaned.allSatisfy(\.isASCIIDigit) {
            let padded = String(repeating: "0", count: max(0, 5 - cleaned.count)) + cleaned
            return byCode[padded]
        }
        var key = VietnameseText.matchingKey(cleaned)
        for prefix in Self.prefixes {
            let prefixKey = VietnameseText.matchingKey(prefix) + " "
            if key.hasPrefix(prefixKey) {
                key.removeFirst(prefixKey.count)
                break
            }
        }
        return byKey[key]
    }

    /// Finds a commune or throws `unknownCommune` with the closest official names as suggestions.
    public func require(_ input: String) throws -> Commune {
        guard let commune = find(input) else {
            throw HocAIError.unknownCommune(input, suggestions: suggestions(for: input).map(\.fullName))
        }
        return commune
    }

    /// Up to `limit` official communes whose names are closest to `input`, ignoring all marks.
    public func suggestions(for input: String, limit: Int = 3) -> [Commune] {
        var folded = VietnameseText.foldedKey(input)
        for prefix in ["thi tran ", "phuong ", "xa "] where folded.hasPrefix(prefix) {
            folded.removeFirst(prefix.count)
            break
        }
        let threshold = max(2, folded.count / 3)
        var ranked: [(commune: Commune, distance: Int)] = []
        for commune in communes {
            let distance = VietnameseText.editDistance(folded, VietnameseText.foldedKey(commune.name))
            if distance <= threshold { ranked.append((commune, distance)) }
        }
        ranked.sort { ($0.distance, $0.commune.name) < ($1.distance, $1.commune.name) }
        return ranked.prefix(limit).map { $0.commune }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
