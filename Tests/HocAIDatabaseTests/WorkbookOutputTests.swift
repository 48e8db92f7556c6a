import Foundation
import HocAI
import HocAITestSupport
import PostgresLibPQ
import Testing

/// Excel workbooks out: the template a centre fills in and the report, read back by an outside
/// client (openpyxl) for their types, formats and values.
@Suite("Workbooks out: template and report", .hangGuard)
struct WorkbookOutputTests {
    /// Vietnamese headers; identifier, phone and date columns formatted as Text; lists to pick
    /// sex, result and the 92 communes; a sheet explaining each column. Imported as it is, an
    /// empty roster; filled in by another program, its rows import.
    @Test func theTemplateIsAWorkbookToFillInThatImports() throws {
        try withDatabaseAndFixtures { db, name, fixtures in
            try Cascade.prepare(db, fixtures: fixtures)
            let url = try TestDatabase.databaseURL(for: name)
            let template = fixtures.url("mau-hoc-vien.xlsx")
            let made = try HocAIProcess.run(["template", "learners", "--output", template.path], databaseURL: nil)
            #expect(made.status == 0, "\(made.stderr)")
            let again = try HocAIProcess.run(["template", "learners", "--output", template.path], databaseURL: nil)
            #expect(again.status == 1, "an existing file is refused without --force")

            let workbook = try Workbooks.inspect(template)
            #expect(workbook.sheets.map(\.name) == ["Danh sách", "Hướng dẫn", "Danh mục"])
            let roster = workbook.sheets[0]
            let header = roster.rows[0].compactMap(\.text)
            #expect(header == RosterTemplate.fields(of: .learners).map(\.vietnameseHeader))
            #expect(roster.frozen == "A2")
            func letter(_ field: RosterField) -> String { CellReference.letters(header.firstIndex(of: field.vietnameseHeader)! + 1) }
            for field in [RosterField.nationalID, .phone, .instructorID, .dateOfBirth, .enrolledOn] {
                #expect(roster.columns[letter(field)] == "@", "\(field) is Text")
            }
            #expect(roster.columns[letter(.fullName)] == "General")
            let lists = Dictionary(uniqueKeysWithValues: roster.validations.map { ($0.sqref.prefix { $0.isLetter }, $0.formula1 ?? "") })
            #expect(lists[Substring(letter(.commune))] == "'Danh mục'!$A$2:$A$93")
            #expect(lists[Substring(letter(.sex))] == "'Danh mục'!$C$2:$C$3")
            #expect(lists[Substring(letter(.result))] == "'Danh mục'!$D$2:$D$3")
            let listSheet = workbook.sheets[2]
            #expect(listSheet.max_row == 93, "the 92 communes under a header")
            #expect(listSheet.rows[1].prefix(4).compactMap(\.text) == ["Phường Phan Đình Phùng", "05443", "Nam", "Đạt"])
            #expect(workbook.sheets[1].rows.dropFirst().prefix(header.count).map { $0[0].text } == header)
            // LibreOffice saving the lists as CSV keeps the communes' codes whole.
            let listsCSV = try String(contentsOf: try LibreOffice.csv(fromWorkbook: template, sheet: 3), encoding: .utf8)
            #expect(listsCSV.split(separator: "\n").dropFirst().first?.hasPrefix("Phường Phan Đình Phùng,05443,") == true, "\(listsCSV.prefix(200))")

            let empty = try HocAIProcess.run(["import", "learners", template.path, "--center", "TT01"], databaseURL: url)
            #expect(empty.status == 0, "\(empty.stdout) \(empty.stderr)")
            #expect(empty.stdout.contains("0 dòng dữ liệu"))

            let filled = fixtures.url("hoc-vien.xlsx")
            let row = ["Hà Thị Mai", "019195000777", "07/08/1995", "Nữ", "0912345670", "Phường Phan Đình Phùng", "TT01-X1",
                       Cascade.instructor(0), "01/06/2025", "", "", ""]
            let rows = String(decoding: try JSONSerialization.data(withJSONObject: [row]), as: UTF8.self)
            try Workbooks.python(["fill", template.path, filled.path, rows])
            let imported = try HocAIProcess.run(["import", "learners", filled.path, "--center", "TT01", "--format", "json"], databaseURL: url)
            #expect(imported.status == 0, "\(imported.stdout) \(imported.stderr)")
            #expect(try db.query("SELECT date_of_birth::text FROM people WHERE national_id = '019195000777'").scalar(String.self) == "1995-08-07")
        }
    }

    /// The report as a workbook: the targets and one sheet per breakdown; numbers as numbers,
    /// percentages as numbers shown as percent, dates as dates; the same figures as the JSON.
    @Test func theReportWorkbookHasNumbersAsNumbersAndDatesAsDates() throws {
        try withDatabaseAndFixtures { db, name, fixtures in
            try Cascade.prepare(db, fixtures: fixtures)
            let (roster, _) = try fixtures.sample("hoc-vien.csv", kind: .learners, rows: 300)
            _ = try importRoster(db, roster, kind: .learners)
            let url = try TestDatabase.databaseURL(for: name)
            let file = fixtures.url("tien-do.xlsx")
            let run = try HocAIProcess.run(["report", "--as-of", "2025-11-30", "--format", "xlsx", "--output", file.path], databaseURL: url)
            #expect(run.status == 0, "\(run.stderr)")
            let noOutput = try HocAIProcess.run(["report", "--format", "xlsx"], databaseURL: url)
            #expect(noOutput.status == 64, "xlsx needs --output: \(noOutput.stderr)")
            let dayFirst = try HocAIProcess.run(["report", "--as-of", "30/11/2025"], databaseURL: url)
            #expect(dayFirst.status == 64, "--as-of is YYYY-MM-DD, as its help says: \(dayFirst.stderr)")

            let report = try ReportService(connection: db, logger: TestDatabase.logger).report(asOf: CalendarDate(year: 2025, month: 11, day: 30)!)
            let workbook = try Workbooks.inspect(file)
            #expect(workbook.sheets.count == 1 + ProgressReport.Dimension.allCases.count)
            let targets = workbook.sheets[0]
            for (index, target) in report.targets.enumerated() {
                let cells = targets.rows[index + 1]
                #expect(cells[1].type == "number" && cells[1].text == String(target.target))
                #expect(cells[2].type == "number" && cells[2].text == String(target.achieved))
                #expect(cells[3].type == "number" && cells[3].format == "0.00%")
                #expect(abs((Double(cells[3].text ?? "") ?? -1) - target.percent / 100) < 1e-9)
                #expect(cells[5].type == "date" && cells[5].text == target.deadline.description)
            }
            let byCommune = try ReportService(connection: db, logger: TestDatabase.logger)
                .report(asOf: CalendarDate(year: 2025, month: 11, day: 30)!, by: .commune).breakdown
            let communes = workbook.sheets[1]
            #expect(communes.rows.dropFirst().map { "\($0[0].text ?? "") \($0[2].text ?? "")" } == byCommune.map { "\($0.key) \($0.achieved)" })
            #expect(communes.rows.dropFirst().allSatisfy { $0[0].type == "text" && $0[2].type == "number" })
            // LibreOffice saving the communes' sheet as CSV keeps each code's leading zero.
            let csv = try String(contentsOf: try LibreOffice.csv(fromWorkbook: file, sheet: 2), encoding: .utf8)
            #expect(csv.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) } == byCommune.map(\.key))
            let months = try #require(workbook.sheets.last)
            #expect(months.rows.count > 1 && months.rows.dropFirst().allSatisfy { $0[0].type == "date" && $0[0].format == "mm/yyyy" })
        }
    }
}
