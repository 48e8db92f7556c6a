import Foundation
import HocAI
import HocAITestSupport
import PostgresLibPQ
import Testing

/// Excel workbooks in (issue: Excel workbooks in and out): made by outside clients (LibreOffice
/// Calc converting the CSV rosters, openpyxl writing what a workbook can hold), imported through
/// the same checks as CSV.
@Suite("Import: Excel workbooks", .serialized, .hangGuard)
struct ImportWorkbookTests {
    /// The register a roster builds, with the learner rows' fingerprints left out (they are of
    /// the cells' text, which a workbook gives as `yyyy-mm-dd` where the CSV has `dd/mm/yyyy`).
    func register(_ db: PostgresConnection) throws -> [String: String] {
        var tables: [String: String] = [:]
        let snapshot = try RegisterSnapshot(db, .content)
        for (name, table) in snapshot.tables where !["enrolments", "import_batches", "audit_log"].contains(name) {
            tables[name] = "\(table.rows) \(table.digest)"
        }
        tables["enrolments"] = try db.execute(unsafeSQL: """
            SELECT count(*) || ' ' || coalesce(md5(string_agg(c.code || e.national_id || e.enrolled_on, ',' ORDER BY c.code, e.national_id)), '')
            FROM enrolments e JOIN classes c ON c.id = e.class_id
            """).scalar(String.self)
        return tables
    }

    /// One roster, three files: the CSV; Calc's workbook with the CCCD and phone columns as Text;
    /// Calc's workbook with them as numbers, then given Excel's zero-padded number formats
    /// (`000000000000`), as a clerk keeps zeros in a number column. Each builds the same register.
    @Test func aWorkbookFromLibreOfficeImportsToTheSameRegisterAsItsCSV() throws {
        try withFixtures { fixtures in
            let (csv, _) = try fixtures.sample("hoc-vien.csv", kind: .learners, rows: 400)
            // STT, name, CCCD (3), date of birth (4), sex, phone (6), commune, class, instructor (9),
            // enrolled (10), completed (11), result, score.
            let asText = try LibreOffice.workbook(fromCSV: csv, textColumns: [3, 6, 9], dateColumns: [4, 10, 11])
            let asNumbers = try LibreOffice.workbook(fromCSV: csv, textColumns: [], dateColumns: [4, 10, 11])
            let padded = fixtures.url("padded.xlsx")
            try Workbooks.python(["set-format", asNumbers.path, fixtures.url("step.xlsx").path, "C,I", "000000000000"])
            try Workbooks.python(["set-format", fixtures.url("step.xlsx").path, padded.path, "F", "0000000000"])
            let cells = try Workbooks.inspect(asNumbers).sheets[0].rows[1]
            #expect(cells[2].type == "number" && cells[3].type == "date", "Calc made numbers and dates: \(cells.map(\.type))")

            var registers: [String: [String: String]] = [:]
            for (name, file) in [("csv", csv), ("text", asText), ("padded", padded)] {
                try TestDatabase.withDatabase { db, _ in
                    try Cascade.prepare(db, fixtures: fixtures)
                    let summary = try importRoster(db, file, kind: .learners)
                    #expect(summary.rejected == 0, "\(name): \(summary.rejects.prefix(3).map { "\($0.cell?.description ?? "") \($0.code)" })")
                    #expect(summary.rows == 400, "\(name)")
                    #expect(summary.format == (name == "csv" ? .csv : .xlsx))
                    registers[name] = try register(db)
                }
            }
            #expect(registers["text"] == registers["csv"], "Text columns: \(registers["text"] ?? [:]) vs \(registers["csv"] ?? [:])")
            #expect(registers["padded"] == registers["csv"], "padded numbers")

            // Without the formats, the numbers' zeros are gone: every row comes back, naming the cell.
            try TestDatabase.withDatabase { db, _ in
                try Cascade.prepare(db, fixtures: fixtures)
                let summary = try importRoster(db, asNumbers, kind: .learners, configure: { $0.dryRun = true })
                #expect(summary.rejected == 400)
                let first = try #require(summary.rejects.first)
                #expect(first.code == "national_id.leading_zero_lost" && first.cell?.description == "C2", "\(first)")
                #expect(summary.text(language: .en).contains("row 2, cell C2 (Số CCCD)"))
            }
        }
    }

    /// openpyxl's workbook of what a sheet can hold: a title merged above the header, a rich-text
    /// name, CCCD and phone numbers shown with their zeros, dates in the 1904 system, a date and
    /// time, dates typed as text, a boolean column, an empty row, a second sheet.
    @Test func cellsReadAsAClerkSeesThem() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            try CenterService(connection: db, logger: TestDatabase.logger).add(code: "TT01", name: "Trung tâm", commune: "Đại Từ")
            let file = fixtures.url("chuyen-gia.xlsx")
            try Workbooks.make("features", at: file)
            let summary = try importRoster(db, file, kind: .experts)
            #expect(summary.sheet == "Chuyên gia")
            #expect(summary.rows == 3)
            #expect(summary.accepted == 2)
            // Row numbers are the sheet's; the plain number lost its zero.
            #expect(summary.rejects.map { "\($0.cell?.description ?? "-") \($0.code)" } == ["B6 national_id.leading_zero_lost"])
            #expect(summary.warningDetails.map { "\($0.cell?.description ?? "-") \($0.code)" } == ["H2 column.ignored"])
            let people = try db.query("""
                SELECT p.national_id, p.full_name, p.date_of_birth::text, coalesce(p.phone, ''), a.certified_on::text
                FROM people p JOIN accreditations a USING (national_id) ORDER BY 1
                """).rows.map { try $0.decode((String, String, String, String, String).self) }
            #expect(people.map { "\($0.0) \($0.1) \($0.2) \($0.3) \($0.4)" } == [
                "001190000902 Trần Thị Bình 1990-09-05  2025-03-16",
                "019085000901 Nguyễn Văn An 1985-02-01 +84912345678 2025-03-15",
            ])
            // The same file again: recognised; its other sheet is another roster.
            #expect(try importRoster(db, file, kind: .experts).alreadyImported)
            let other = try importRoster(db, file, kind: .experts) { $0.sheet = "Khác" }
            #expect(!other.alreadyImported && other.accepted == 1)
            let error = #expect(throws: HocAIError.self) { try importRoster(db, file, kind: .experts) { $0.sheet = "Sheet9" } }
            #expect(error?.message.en.contains("\"Chuyên gia\", \"Hai dòng\", \"Khác\"") == true, "\(String(describing: error))")

            // A header over two rows, and a commune merged down over both data rows.
            let twoRows = try importRoster(db, file, kind: .experts) { $0.sheet = "Hai dòng" }
            #expect(twoRows.accepted == 2, "\(twoRows.rejects.map { "\($0.cell?.description ?? "-") \($0.code)" })")
            #expect(twoRows.warnings == 0)
            #expect(try db.query("""
                SELECT string_agg(commune_code, ',' ORDER BY national_id) FROM people WHERE national_id IN ('019085000905', '019185000906')
                """).scalar(String.self) == "05443,05443")
        }
    }

    /// The rejects of a workbook are a workbook, every cell text: imported again unchanged they
    /// give the same rejects and accept nothing; LibreOffice saving them as CSV keeps every zero.
    @Test func aWorkbooksRejectsAreAWorkbookThatKeepsEveryZero() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            try Cascade.prepare(db, fixtures: fixtures)
            let (csv, _) = try fixtures.sample("hoc-vien.csv", kind: .learners, rows: 600, messy: 0.02)
            let roster = try LibreOffice.workbook(fromCSV: csv, textColumns: [3, 6, 9], dateColumns: [4, 10, 11])
            let first = try importRoster(db, roster, kind: .learners)
            #expect(first.rejected > 20)
            let rejects = try #require(first.rejectsFile)
            #expect(rejects.pathExtension == "xlsx")
            let sheet = try #require(try Workbooks.inspect(rejects).sheets.first)
            let header = sheet.rows[0].compactMap(\.text)
            #expect(header.suffix(2) == ["line", "error"])
            #expect(sheet.max_row == first.rejected + 1)
            let lineColumn = try #require(header.firstIndex(of: "line"))
            for row in sheet.rows.dropFirst() {
                #expect(row.allSatisfy { $0.type == "text" || $0.type == "empty" }, "every cell text: \(row.map(\.type))")
                #expect(row.allSatisfy { $0.format == "@" })
            }
            let origin = Dictionary(uniqueKeysWithValues: sheet.rows.dropFirst().enumerated().map { ($0.offset + 2, Int($0.element[lineColumn].text ?? "") ?? 0) })
            let expected = Set(first.rejects.map { "\($0.line) \($0.code)" })
            let before = try snapshot(db)

            let again = try importRoster(db, rejects, kind: .learners) { $0.rejectsURL = fixtures.url("again.rejects.xlsx") }
            #expect(again.accepted == 0)
            #expect(Set(again.rejects.map { "\(origin[$0.line] ?? 0) \($0.code)" }) == expected)
            #expect(try snapshot(db).dropLast(2) == before.dropLast(2), "only a batch and its audit row")

            // Saved as CSV by LibreOffice: the CCCDs as the workbook holds them, zeros and all.
            let resaved = try LibreOffice.csv(fromWorkbook: rejects)
            var reader = CSVReader(delimiter: .comma)
            var records: [CSVRecord] = []
            try Array(try Data(contentsOf: resaved)).withUnsafeBufferPointer { try reader.feed($0) { records.append($0) } }
            try reader.finish { records.append($0) }
            let idColumn = try #require(header.firstIndex(of: "Số CCCD"))
            #expect(records.dropFirst().map { $0.fields[idColumn] } == sheet.rows.dropFirst().map { $0[idColumn].text ?? "" })
            #expect(records.dropFirst().contains { $0.fields[idColumn].hasPrefix("0") })
        }
    }

    /// What is not a workbook hocai can read is refused at once, through the command: exit 1, a
    /// message saying what to do, nothing written, no rejects file, memory bounded.
    @Test func malformedWorkbooksAreRefusedAtOnceAndWriteNothing() throws {
        try withDatabaseAndFixtures { db, name, fixtures in
            let url = try TestDatabase.databaseURL(for: name)
            let good = fixtures.url("good.xlsx")
            try Workbooks.make("features", at: good)
            var cases: [(String, URL, String)] = []
            let random = try fixtures.write("ngau-nhien.xlsx", bytes: (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) })
            cases.append(("not a zip", random, "is not a readable Excel workbook"))
            for (kind, message) in [("damaged", "is not a readable Excel workbook"), ("bomb", "inflates to an unusual size"),
                                    ("strings", "shared-strings table is larger than"), ("laughs", "DOCTYPE or entities")] {
                let file = fixtures.url("\(kind).xlsx")
                try Workbooks.make(kind, at: file)
                cases.append((kind, file, message))
            }
            let encrypted = fixtures.url("mat-khau.xlsx")
            try Workbooks.encrypt(good, to: encrypted)
            cases.append(("password", encrypted, "protected by a password"))
            let legacy = fixtures.url("cu.xlsx")
            try FileManager.default.copyItem(at: try LibreOffice.legacyExcel(fromWorkbook: good), to: legacy)
            cases.append(("xls renamed", legacy, "Excel 97–2003 file (.xls)"))

            let before = try snapshot(db)
            for (label, file, message) in cases {
                let run = try HocAIProcess.run(
                    ["/usr/bin/time", "-f", "peak %M KB", try HocAIProcess.executable.path, "import", "experts", file.path, "--lang", "en"],
                    databaseURL: url, viaShell: true)
                #expect(run.status == 1, "\(label): exit \(run.status) \(run.stderr)")
                #expect(run.stderr.contains(message), "\(label): \(run.stderr)")
                #expect(!run.stderr.contains("Swift/") && !run.stderr.contains("SELECT"), "\(label): no trace or SQL")
                let peak = run.stderr.split(separator: "\n").last { $0.hasPrefix("peak ") }.flatMap { Int($0.split(separator: " ")[1]) }
                #expect((peak ?? .max) < 200_000, "\(label): peak \(peak ?? -1) KB")
                #expect(!FileManager.default.fileExists(atPath: ImportOptions.defaultRejectsURL(for: file, format: .xlsx).path))
            }
            #expect(try snapshot(db) == before, "nothing written")
        }
    }
}
