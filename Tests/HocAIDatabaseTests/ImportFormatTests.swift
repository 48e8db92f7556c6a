import Foundation
import HocAI
import HocAITestSupport
import PostgresLibPQ
import Testing

/// Files as centres really send them: every encoding and delimiter ends up as the same clean rows.
@Suite("Import: encodings and delimiters")
struct ImportFormatTests {
    static let rows: [[String]] = [
        expertHeader,
        ["Nguyễn Thị Hòa", "019185000101", "01/02/1985", "Nữ", "0912345678", "Xã Đại Từ", "15/03/2025"],
        ["Đặng Văn Thụy", "006080000102", "1980-12-31", "Nam", "", "Phường Phan Đình Phùng", "15/03/2025"],
        ["Lưu, Văn \"Bé\" Ba", "019090000103", "3/4/1990", "nam", "+84 388 123 456", "05443", "15/03/2025"],
    ]

    func expectStored(_ db: PostgresConnection) throws {
        let stored = try db.query("SELECT national_id, full_name, commune_code, phone FROM people ORDER BY national_id").rows.map {
            try $0.decode((String, String, String, String?).self)
        }
        #expect(stored.map(\.0) == ["006080000102", "019090000103", "019185000101"])
        #expect(stored.map(\.1) == ["Đặng Văn Thụy", "Lưu, Văn \"Bé\" Ba", "Nguyễn Thị Hòa"])
        #expect(stored.allSatisfy { Array($0.1.utf8) == Array($0.1.precomposedStringWithCanonicalMapping.utf8) })
        #expect(stored.map(\.2) == ["05443", "05443", "05830"])
        #expect(stored.map(\.3) == [nil, "+84388123456", "+84912345678"])
        #expect(try count(db, "certificates") == 3)
    }

    @Test(arguments: [
        ("comma, LF, UTF-8", ",", "\n", false),
        ("semicolon, CRLF, UTF-8 with BOM", ";", "\r\n", true),
        ("tab, CR, UTF-8", "\t", "\r", false),
    ])
    func utf8(_ label: String, delimiter: String, lineEnding: String, bom: Bool) throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            let url = try fixtures.write("experts.csv", Fixtures.csv(Self.rows, delimiter: delimiter, lineEnding: lineEnding), bom: bom)
            let summary = try importRoster(db, url, kind: .experts)
            #expect(summary.rows == 3, "\(label)")
            #expect(summary.accepted == 3, "\(label): \(summary.rejects)")
            #expect(summary.delimiter?.rawValue == UInt8(ascii: Unicode.Scalar(delimiter)!), "\(label)")
            #expect(summary.encoding == .utf8)
            try expectStored(db)
        }
    }

    @Test func utf16WithBOMAsExcelsUnicodeText() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            let text = Fixtures.csv(Self.rows, delimiter: "\t", lineEnding: "\r\n")
            let url = try fixtures.write("unicode.txt", bytes: Array(try TextEncoding.encodeForSample(text, as: .utf16)))
            let summary = try importRoster(db, url, kind: .experts)
            #expect(summary.encoding == .utf16)
            #expect(summary.delimiter == .tab)
            #expect(summary.accepted == 3, "\(summary.rejects)")
            try expectStored(db)
        }
    }

    /// Thousands of rows are checked and sent before the reader meets bytes it cannot decode:
    /// the whole file still fails, and nothing is written.
    @Test func aFileUndecodablePartWayFailsWholeAndWritesNothing() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            let (source, _) = try fixtures.sample("experts.csv", kind: .experts, rows: 20_000, encoding: .utf16, delimiter: .tab)
            var bytes = Array(try Data(contentsOf: source))
            // A lone low surrogate (U+DC00, little-endian) nine tenths of the way in.
            let offset = 2 + (bytes.count - 2) / 2 * 9 / 10 * 2
            bytes.insert(contentsOf: [0x00, 0xDC], at: offset)
            let url = try fixtures.write("broken.txt", bytes: bytes)
            #expect(throws: HocAIError.self) { try importRoster(db, url, kind: .experts) }
            #expect(try db.query("SELECT count(*) FROM people").scalar(Int.self) == 0)
            #expect(try db.query("SELECT count(*) FROM import_batches").scalar(Int.self) == 0)
        }
    }

    @Test func windows1258AsVietnameseExcelsCSV() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            // CP1258 carries tone marks as combining characters: decoding yields NFD text.
            let text = Fixtures.csv(Self.rows, delimiter: ";", lineEnding: "\r\n")
            let url = try fixtures.write("excel.csv", bytes: Array(try TextEncoding.encodeForSample(text, as: .windows1258)))
            #expect(!(try Data(contentsOf: url)).contains(0xC3), "not UTF-8")
            let summary = try importRoster(db, url, kind: .experts)
            #expect(summary.encoding == .windows1258)
            #expect(summary.accepted == 3, "\(summary.rejects)")
            try expectStored(db)
        }
    }

    @Test func theEncodingAndDelimiterCanBeForced() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            // A header with more commas than semicolons would be misdetected.
            let rows = [expertHeader + ["Ghi chú, nếu có, thêm"]] + Self.rows.dropFirst().map { $0 + ["a, b, c"] }
            let url = try fixtures.write("forced.csv", Fixtures.csv(rows, delimiter: ";"))
            let summary = try importRoster(db, url, kind: .experts) {
                $0.delimiter = .semicolon
                $0.encoding = .utf8
            }
            #expect(summary.accepted == 3, "\(summary.rejects)")
            #expect(summary.warnings == 1)  // the unknown column
            try expectStored(db)
        }
    }
}
