import Foundation
import HocAI
import HocAITestSupport
import PostgresLibPQ
import Testing

/// The rejects file comes back right: imported again as it is, or after a spreadsheet saved it
/// again, it gives the same rejects and accepts nothing it should not (issue: the register's
/// truth, §3 and §4).
@Suite("Rejects file: the round trip")
struct RejectsRoundTripTests {
    /// A messy learner roster with the cells a spreadsheet treats specially.
    func messyRoster(_ fixtures: Fixtures) throws -> URL {
        let (url, _) = try fixtures.sample("messy.csv", kind: .learners, rows: 1500, messy: 0.01)
        var text = try String(contentsOf: url, encoding: .utf8)
        let instructor = Cascade.instructor(0)
        let extra = [
            // A formula-like name (rejected, written back with the text marker).
            ["1", "=HYPERLINK(\"http://x\")", "019085000901", "01/02/1985", "Nam", "+84 912 345 678", "Đại Từ", "TT01-L00000",
             instructor, "01/05/2025", "", "", ""],
            // An international phone (kept with the marker), on a row rejected for its sex.
            ["2", "Nguyễn Văn Chín", "019085000902", "01/02/1985", "X", "+84 912 345 679", "Đại Từ", "TT01-L00000",
             instructor, "01/05/2025", "", "", ""],
            // A negative score (rejected; starts with - so it is defused).
            ["3", "Nguyễn Văn Mười", "019085000903", "01/02/1985", "Nam", "", "Đại Từ", "TT01-L00000",
             instructor, "01/05/2025", "01/06/2025", "Đạt", "-1"],
        ]
        text += Fixtures.csv(extra, lineEnding: "\r\n")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// For each record of a rejects file, the line of the roster it came from (its `line` column).
    func originalLines(of rejects: URL) throws -> [Int: Int] {
        var reader = CSVReader(delimiter: .comma)
        var records: [CSVRecord] = []
        var bytes = Array(try Data(contentsOf: rejects))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        try bytes.withUnsafeBufferPointer { try reader.feed($0) { records.append($0) } }
        try reader.finish { records.append($0) }
        let column = try #require(records.first?.fields.firstIndex(of: "line"))
        #expect(records.first?.fields.last == "error")
        #expect(records.first?.fields.filter { $0 == "line" }.count == 1, "hocai's columns are not added twice")
        return Dictionary(uniqueKeysWithValues: records.dropFirst().map { ($0.line, Int($0.fields[column])!) })
    }

    static let spreadsheetDamage: Set<String> = [
        "national_id.leading_zero_lost", "national_id.scientific_notation", "date.two_digit_year",
    ]

    @Test(.hangGuard)
    func theRejectsFileImportedAgainUnchangedOrResavedByLibreOfficeGivesTheSameRejects() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            try Cascade.prepare(db, fixtures: fixtures)
            let roster = try messyRoster(fixtures)
            let first = try importRoster(db, roster, kind: .learners)
            #expect(first.rejected > 100)
            let rejects = try #require(first.rejectsFile)
            let expected = Set(first.rejects.map { "\($0.line) \($0.code)" })
            let linesWith = Dictionary(grouping: first.rejects, by: \.line)
            #expect(linesWith.values.contains { $0.contains { $0.code == "full_name.formula" } })
            let before = try snapshot(db)

            // 1. Imported again as it is: the same lines rejected with the same codes, nothing
            // accepted, nothing written.
            let origin = try originalLines(of: rejects)
            let again = try importRoster(db, rejects, kind: .learners) { $0.rejectsURL = fixtures.url("again.rejects.csv") }
            #expect(again.rows == first.rejected)
            #expect(again.accepted == 0)
            #expect(Set(again.rejects.map { "\(origin[$0.line]!) \($0.code)" }) == expected)
            // The text marker is off before any check: the phone written back as '+84… reads.
            let phoneLine = try #require(origin.first { $0.value == first.rows }?.key)
            #expect(!again.warningDetails.contains { $0.line == phoneLine && $0.code == "phone.invalid" })
            #expect(!again.warningDetails.contains { $0.code == "column.ignored" && ["line", "error"].contains($0.columnName) },
                    "hocai's own columns are not warned about")
            #expect(try snapshot(db).dropLast(2) == before.dropLast(2), "only a batch and its audit row")

            // 2. Saved again by LibreOffice Calc, as UTF-8 with commas and as Windows-1258 with
            // semicolons: leading zeros gone, dates rewritten. Every row is still rejected, with
            // a hint naming what the spreadsheet did; none is accepted with a changed value.
            for (encoding, separator) in [(LibreOffice.Encoding.utf8, Character(",")), (.windows1258, ";")] {
                let resaved = try LibreOffice.resave(rejects, encoding: encoding, separator: separator)
                let summary = try importRoster(db, resaved, kind: .learners) {
                    $0.rejectsURL = fixtures.url("resaved-\(encoding).rejects.csv")
                }
                #expect(summary.encoding == (encoding == .utf8 ? .utf8 : .windows1258))
                #expect(summary.rows == first.rejected, "\(encoding)")
                #expect(summary.accepted == 0, "\(encoding): \(summary.inserted) inserted")
                for (line, issues) in Dictionary(grouping: summary.rejects, by: \.line) {
                    #expect(issues.contains { Self.spreadsheetDamage.contains($0.code) },
                            "\(encoding) line \(line): \(issues.map(\.code))")
                }
                #expect(summary.rejects.contains { $0.code == "date.two_digit_year" })
            }
            #expect(try snapshot(db).prefix(5) == before.prefix(5))
        }
    }

    @Test func aNameDifferingOnlyInATonMarkIsHeldWithTheLikelyCauseNamed() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            let ly = ["Lý Văn Ý", "019085000601", "01/02/1985", "Nam", "", "Đại Từ", "15/03/2025"]
            var ly2 = ly
            ly2[1] = "019085000602"
            let registered = try importRoster(db, try fixtures.write("a.csv", Fixtures.csv([expertHeader, ly, ly2])), kind: .experts)
            #expect(registered.rejected == 0)
            var grave = ly
            grave[0] = "Lỳ Văn Ý"
            var other = ly2
            other[0] = "Lê Văn Ý"
            let summary = try importRoster(db, try fixtures.write("b.csv", Fixtures.csv([expertHeader, grave, other])), kind: .experts)
            #expect(summary.heldRows.map(\.code) == ["person.identity_held", "person.identity_held"])
            #expect(summary.heldRows[0].message.en.contains("LibreOffice"))
            #expect(summary.heldRows[0].message.vi.contains("UTF-8"))
            #expect(!summary.heldRows[1].message.en.contains("LibreOffice"))
            #expect(summary.rejected == 0)
        }
    }

    @Test func theDatabaseRefusesAFormulaBehindTheTextMarker() throws {
        try TestDatabase.withDatabase { db, _ in
            for name in ["'=HYPERLINK(\"x\")", "'+Nguyễn", "'-An", "'@An"] {
                let error = #expect(throws: PostgresError.self) {
                    try db.query("""
                        INSERT INTO people (national_id, full_name, name_key, date_of_birth, sex, commune_code)
                        VALUES ('019085000777', \(name), 'x', '1985-01-01', 'M', '05443')
                        """)
                }
                #expect(error?.constraint == "people_full_name_visible", "\(name)")
            }
            #expect(PersonName.parse("'=SUM(A1)") == .failure(.formula))
        }
    }

    @Test func theReportCSVWritesNumbersAsNumbersAndNothingForNoValue() throws {
        try TestDatabase.withDatabase { db, _ in
            let report = try ReportService(connection: db, logger: TestDatabase.logger).report(asOf: CalendarDate(year: 2025, month: 1, day: 10)!)
            let csv = report.rendered(as: .csv, language: .en)
            let rows = csv.components(separatedBy: "\r\n").filter { $0.hasPrefix("Provincial experts") || $0.hasPrefix("Core instructors") }
            #expect(rows.count == 2)
            for row in rows {
                #expect(!row.contains("'"), "\(row)")
                #expect(row.contains(",30,0,0.0,30,") || row.contains(",3000,0,0.0,3000,"), "\(row)")
            }
            #expect(!csv.contains("'-"))
        }
    }
}
