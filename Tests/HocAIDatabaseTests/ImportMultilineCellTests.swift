import Foundation
import HocAI
import HocAITestSupport
import Testing

/// A cell typed with Alt+Enter is a quoted field over several lines (RFC 4180): data, in any
/// column. A quote that swallowed whole rows is still returned with them (issue: green on any
/// machine, §2).
@Suite("Import: cells over several lines")
struct ImportMultilineCellTests {
    static let header = learnerHeader + ["Ghi chú"]

    static func row(_ name: String, _ id: String, sex: String = "Nam", note: String) -> [String] {
        [name, id, "01/01/1995", sex, "", "Đại Từ", "TT01-ML", Cascade.instructor(0), "01/06/2025", "20/06/2025", "Đạt", "", note]
    }

    @Test func aNoteOrANameOverTwoLinesIsImportedThroughTheCommand() throws {
        try withDatabaseAndFixtures { db, name, fixtures in
            try Cascade.prepare(db, fixtures: fixtures)
            let rows = [Self.header,
                        Self.row("Nguyễn Văn An", "019095000901", note: "ghi chú\nhai dòng"),
                        Self.row("Trần Thị\nBình", "019195000902", sex: "Nữ", note: "một, hai\r\nba"),
                        Self.row("Lê Văn Cường", "019095000903", note: "")]
            let roster = try fixtures.write("ghi-chu.csv", Fixtures.csv(rows))
            let run = try HocAIProcess.run(["import", "learners", roster.path, "--center", Cascade.center, "--format", "json"],
                                           databaseURL: try TestDatabase.databaseURL(for: name))
            #expect(run.status == 0, "\(run.stdout) \(run.stderr)")
            let summary = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            #expect(summary["accepted"] as? Int == 3)
            #expect(summary["rejected"] as? Int == 0)
            #expect(try db.query("SELECT full_name FROM people WHERE national_id = '019195000902'").scalar(String.self) == "Trần Thị Bình")
            #expect(try db.query("SELECT count(*) FROM certificates WHERE national_id LIKE '0191950009%' OR national_id LIKE '0190950009%'")
                .scalar(Int.self) == 3)
        }
    }

    @Test func aQuoteClosedOnlyAfterWholeRowsIsReturnedWithThem() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            try Cascade.prepare(db, fixtures: fixtures)
            func line(_ row: [String]) -> String { String(Fixtures.csv([row]).dropLast()) }
            // Line 2 holds a note over two lines (2 and 3). The next note opens a quote at
            // line 4 and closes it at the end of line 6: lines 4 to 6 are one record.
            let lines = [line(Self.header),
                         line(Self.row("Nguyễn Văn An", "019095000911", note: "ghi chú\nhai dòng")),
                         line(Self.row("Nguyễn Văn Ba", "019095000912", note: "")) + "\"ghi chú",
                         line(Self.row("Nguyễn Văn Ca", "019095000913", note: "")),
                         line(Self.row("Nguyễn Văn Da", "019095000914", note: "")) + "\"",
                         line(Self.row("Nguyễn Văn Em", "019095000915", note: "cuối"))]
            let summary = try importRoster(db, try fixtures.write("nuot.csv", lines.joined(separator: "\n") + "\n"), kind: .learners)
            let reject = try #require(summary.rejects.first { $0.code == "row.unclosed_quote" }, "\(summary.rejects.map(\.code))")
            #expect(reject.line == 4)
            #expect(reject.message.en.contains("up to line 6"))
            #expect(summary.rejected == 1)
            #expect(summary.accepted == 2)
            let written = try String(contentsOf: try #require(summary.rejectsFile), encoding: .utf8)
            #expect(written.contains("019095000913") && written.contains("019095000914"), "the swallowed rows are returned")
        }
    }
}
