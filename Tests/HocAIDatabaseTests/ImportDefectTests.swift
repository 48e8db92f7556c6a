import Foundation
import HocAI
import HocAITestSupport
import PostgresLibPQ
import Testing

/// Every defect a real file carries: each row is imported or returned with the right reason.
@Suite("Import: defects and rejects")
struct ImportDefectTests {
    let good = ["Nguyễn Văn An", "019085000301", "01/02/1985", "Nam", "0912345678", "Đại Từ", "15/03/2025"]

    /// One row per defect, built by changing one cell of a good row: (column, value, code).
    static let defects: [(Int, String, String)] = [
        (1, "", "national_id.missing"),
        (1, "19085000301", "national_id.leading_zero_lost"),
        (1, "1.92029E+11", "national_id.scientific_notation"),
        (1, "085000301", "national_id.old_identity_card"),
        (1, "01908500030", "national_id.leading_zero_lost"),
        (1, "01908500030X", "national_id.invalid"),
        (1, "003085000301", "national_id.unknown_province"),
        (1, "019285000301", "national_id.century_mismatch"),
        (1, "019185000301", "national_id.sex_mismatch"),
        (1, "019086000301", "national_id.birth_year_mismatch"),
        (0, "", "full_name.missing"),
        (0, "Nguyễn Văn 3", "full_name.invalid_characters"),
        (0, "Nguyễn\u{0007}Văn", "full_name.invalid_characters"),
        (0, "=HYPERLINK(\"http://x\")", "full_name.formula"),
        (0, "+Nguyễn", "full_name.formula"),
        (0, "@Nguyễn", "full_name.formula"),
        (0, "NguyÔn V¨n An", "full_name.legacy_encoding"),
        (0, "Nguyeãn Vaên An", "full_name.legacy_encoding"),
        (2, "", "date.missing"),
        (2, "31/02/1985", "date.invalid"),
        (2, "1985/13/01", "date.invalid"),
        (2, "01/01/2099", "date.future"),
        (2, "01/01/1900", "date_of_birth.age_out_of_range"),
        (3, "", "sex.missing"),
        (3, "X", "sex.invalid"),
        (5, "", "commune.missing"),
        (5, "Xã Không Có", "commune.unknown"),
        (6, "", "date.missing"),
        (6, "2099-01-01", "date.future"),
    ]

    @Test func eachDefectIsRejectedWithItsCodeLineAndColumn() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            var rows = [expertHeader, good]
            for (column, value, _) in Self.defects {
                var row = good
                row[column] = value
                rows.append(row)
            }
            let url = try fixtures.write("defects.csv", Fixtures.csv(rows, delimiter: ";"))
            let summary = try importRoster(db, url, kind: .experts)
            #expect(summary.rows == Self.defects.count + 1)
            #expect(summary.accepted == 1)
            #expect(summary.rejected == Self.defects.count)
            for (index, (column, _, code)) in Self.defects.enumerated() {
                let line = index + 3
                let issues = summary.rejects.filter { $0.line == line }
                #expect(issues.map(\.code).contains(code), "line \(line): \(issues.map(\.code)) lacks \(code)")
                let issue = issues.first { $0.code == code }
                if !code.hasPrefix("national_id.century") && !code.hasPrefix("national_id.sex") && !code.hasPrefix("national_id.birth") {
                    #expect(issue?.column == column + 1, "\(code)")
                }
                #expect(issue?.message.vi.isEmpty == false)
                #expect(issue?.message.vi != issue?.message.en)
            }
            #expect(try count(db, "people") == 1)
        }
    }

    @Test func anInvalidPhoneIsAWarningAndAnEmptyPhoneNeverALostRow() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            var bad = good
            bad[4] = "0123"
            var old = good
            old[1] = "019085000302"
            old[4] = "01691234567"
            let url = try fixtures.write("p.csv", Fixtures.csv([expertHeader, bad, old]))
            let summary = try importRoster(db, url, kind: .experts)
            #expect(summary.accepted == 2)
            #expect(summary.warnings == 2)
            #expect(Set(summary.warningDetails.map(\.code)) == ["phone.invalid", "phone.converted"])
            let phones = try db.query("SELECT phone FROM people ORDER BY national_id").rows.map { try $0.decode(String?.self, at: 0) }
            #expect(phones == [nil, "+84391234567"])
        }
    }

    @Test func aMessyGeneratedRosterRejectsExactlyTheInjectedDefects() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            try Cascade.prepare(db, fixtures: fixtures)
            // Several waves of the parallel parse, so issues come back from more than one worker.
            let (url, expected) = try fixtures.sample("messy.csv", kind: .learners, rows: 10_000, messy: 0.003)
            let summary = try importRoster(db, url, kind: .learners)
            var byCode: [String: Int] = [:]
            for line in Set(summary.rejects.map(\.line)) {
                let codes = summary.rejects.filter { $0.line == line }.map(\.code)
                byCode[codes[0], default: 0] += 1
            }
            for defect in SampleRoster.Defect.allCases where !defect.keepsRow {
                #expect(byCode[defect.code.rawValue, default: 0] == expected[defect, default: 0], "\(defect)")
            }
            #expect(summary.duplicates == expected[.identicalDuplicate, default: 0])
            #expect(summary.warningDetails.filter { $0.code == "phone.invalid" }.count == expected[.badPhone, default: 0])
            #expect(summary.rejected == expected.filter { !$0.key.keepsRow }.values.reduce(0, +))
            #expect(summary.accepted + summary.rejected == summary.rows)
            #expect(summary.rows == 10_000)
            #expect(summary.rejects.map(\.line) == summary.rejects.map(\.line).sorted())
            #expect(summary.inserted + summary.updated + summary.unchanged + summary.duplicates == summary.accepted)
        }
    }

    @Test func theRejectsFileHoldsTheRowsAsTheyCameWithLineAndReasonReadyForExcel() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            var formula = good
            formula[0] = "=1+2"
            formula[1] = "019085000302"
            var badDate = good
            badDate[1] = "019085000303"
            badDate[2] = "30/02/1985"
            let rows = [["STT"] + expertHeader, ["1"] + good, ["2"] + formula, ["3"] + badDate]
            let url = try fixtures.write("roster.csv", Fixtures.csv(rows, delimiter: ";"))
            let summary = try importRoster(db, url, kind: .experts)
            #expect(summary.rejectsFile == fixtures.url("roster.rejects.csv"))
            let bytes = try Data(contentsOf: fixtures.url("roster.rejects.csv"))
            #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.count == 3)
            #expect(lines[0] == (["STT"] + expertHeader + ["line", "error"]).joined(separator: ","))
            #expect(lines[1].hasPrefix("2,'=1+2,019085000302,"))
            #expect(lines[1].contains(",3,\"[Họ và tên] Họ và tên bắt đầu bằng"))
            #expect(lines[2].hasPrefix("3,Nguyễn Văn An,019085000303,30/02/1985,"))
            #expect(lines[2].contains(",4,\"[Ngày sinh] Ngày không hợp lệ"))

            // The clerk fixes the rows in the rejects file and imports it as it is.
            let fixed = text.replacingOccurrences(of: "'=1+2", with: "Lê Văn Hai").replacingOccurrences(of: "30/02/1985", with: "28/02/1985")
            let again = try fixtures.write("roster.rejects.csv", fixed, bom: true)
            let second = try importRoster(db, again, kind: .experts)
            #expect(second.rejected == 0, "\(second.rejects)")
            #expect(second.accepted == 2)
            #expect(try count(db, "people") == 3)
        }
    }

    @Test func aFileInTCVN3IsRefusedWholeSayingSo() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            // Names typed with a TCVN3 font: one byte per letter (0xD4 for ễ, 0xA8 for ă, 0xA7 for
            // Đ…), which a Windows-1258 reading turns into "NguyÔn V¨n". Header in plain ASCII.
            let rows = [["full_name", "national_id", "date_of_birth", "sex", "commune", "certified_on"],
                        ["NguyÔn V¨n An", "019085000301", "01/02/1985", "Nam", "Dai Tu", "15/03/2025"],
                        ["TrÇn ThÞ B×nh", "006190000202", "06/05/1990", "N÷", "Pho Yen", "15/03/2025"],
                        ["§inh V¨n C­êng", "019090000303", "01/02/1990", "Nam", "Dai Tu", "15/03/2025"]]
            let bytes = Fixtures.csv(rows).unicodeScalars.map { UInt8($0.value) }
            let url = try fixtures.write("tcvn3.csv", bytes: bytes)
            let error = #expect(throws: HocAIError.self) { try importRoster(db, url, kind: .experts) }
            #expect(error?.code == .fileRejected)
            #expect(error?.message(in: .vi).contains("TCVN3") == true)
            #expect(try count(db, "people") == 0)
            #expect(try count(db, "import_batches") == 0)
        }
    }

    @Test func aMissingColumnFailsTheFileNamingItAndTheNamesAccepted() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            let url = try fixtures.write("x.csv", Fixtures.csv([["Họ tên", "CCCD", "Giới tính", "Xã"], ["A", "019085000301", "Nam", "Đại Từ"]]))
            let error = #expect(throws: HocAIError.self) { try importRoster(db, url, kind: .experts) }
            let message = error?.message(in: .vi) ?? ""
            #expect(message.contains("Ngày sinh"))
            #expect(message.contains("\"date_of_birth\""))
            #expect(message.contains("Ngày công nhận"))
            #expect(!message.contains("Số điện thoại"))
            #expect(try count(db, "import_batches") == 0)
        }
    }

    @Test func headersMatchWhateverTheirCaseSpacingOrUnicodeForm() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            let header = ["  HỌ VÀ TÊN ", "cccd/cmnd", "ngày sinh".decomposedStringWithCanonicalMapping, "Gioi tinh", "SĐT", "xã / phường", "ngay cong nhan", "Ghi chú"]
            let url = try fixtures.write("x.csv", Fixtures.csv([header, good + ["x"]]))
            let summary = try importRoster(db, url, kind: .experts)
            #expect(summary.accepted == 1, "\(summary.rejects)")
            #expect(summary.warningDetails.map(\.code) == ["column.ignored"])
            #expect(summary.warningDetails.first?.column == 8)
        }
    }
}
