import Foundation
import HocAI
import HocAIServer
import HocAITestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// Workbooks through the service: a roster sent as .xlsx (known by its content, under any name)
/// is imported and its rejects come back as a workbook; the clerk downloads blank workbooks and
/// the official the report as one.
@Suite(.serialized, .hangGuard)
struct WorkbookRoutesTests {
    /// Written out here, not taken from the code under test.
    static let workbookType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    @Test func aWorkbookSentToTheAPIIsImportedAndItsRejectsAreAWorkbook() async throws {
        try await ServerFixture.with { fixture in
            let (csv, _) = try fixture.fixtures.sample("hoc-vien.csv", kind: .learners, rows: 300, messy: 0.03)
            let workbook = try LibreOffice.workbook(fromCSV: csv, textColumns: [3, 6, 9], dateColumns: [4, 10, 11])
            let body = ByteBuffer(bytes: try Data(contentsOf: workbook))
            try await fixture.test { client in
                // Sent under a CSV's name: the content says what it is.
                let url = try await fixture.submit(client, "/api/v1/imports/learners?file_name=hoc-vien.csv", as: "tt01", body: body)
                let job = try await fixture.finished(client, job: url, as: "tt01")
                let summary = try #require(job["summary"] as? [String: Any], "\(job)")
                #expect(summary["format"] as? String == "xlsx")
                #expect(summary["sheet"] as? String == "hoc-vien")
                #expect(summary["accepted"] as? Int ?? 0 > 150)
                let first = try #require((summary["rejects"] as? [[String: Any]])?.first)
                #expect((first["cell"] as? String)?.hasSuffix(String(first["line"] as? Int ?? 0)) == true, "\(first)")
                let rejects = try await client.execute(uri: url + "/rejects", method: .get, headers: fixture.headers("tt01"))
                #expect(rejects.status == .ok)
                #expect(rejects.headers[.contentType] == Self.workbookType)
                #expect(rejects.headers[.contentDisposition] == "attachment; filename=\"hoc-vien.rejects.xlsx\"")
                let saved = fixture.fixtures.url("tra-lai.xlsx")
                try Data(buffer: rejects.body).write(to: saved)
                let sheet = try Workbooks.inspect(saved).sheets[0]
                #expect(sheet.max_row == (summary["rejected"] as? Int ?? 0) + 1)

                let page = try await client.execute(uri: url.replacingOccurrences(of: "/api/v1", with: ""), method: .get, headers: fixture.headers("tt01"))
                #expect(page.status == .ok)
                #expect(String(buffer: page.body).contains("(Excel)"), "the job page offers the workbook")
            }
        }
    }

    @Test func blankWorkbooksAndTheReportDownload() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.test { client in
                let centre = try await client.execute(uri: "/centre", method: .get, headers: fixture.headers("tt01"))
                let html = String(buffer: centre.body)
                #expect(html.contains("accept=\".xlsx,"))
                #expect(html.contains("href=\"/templates/learners.xlsx?lang=vi\""))
                #expect(!html.contains("/templates/experts.xlsx"), "a centre does not send experts")

                let template = try await client.execute(uri: "/templates/learners.xlsx", method: .get, headers: fixture.headers("tt01"))
                #expect(template.status == .ok)
                #expect(template.headers[.contentType] == Self.workbookType)
                #expect(template.headers[.contentDisposition] == "attachment; filename=\"mau-hoc-vien.xlsx\"")
                let saved = fixture.fixtures.url("mau.xlsx")
                try Data(buffer: template.body).write(to: saved)
                #expect(try Workbooks.inspect(saved).sheets.map(\.name) == ["Danh sách", "Hướng dẫn", "Danh mục"])
                for (uri, login) in [("/templates/experts.xlsx", "tt01"), ("/templates/learners.csv", "tt01"), ("/templates/x.xlsx", "admin")] {
                    let refused = try await client.execute(uri: uri, method: .get, headers: fixture.headers(login))
                    #expect(refused.status == .notFound, "\(uri)")
                }
                let forbidden = try await client.execute(uri: "/templates/learners.xlsx", method: .get, headers: fixture.headers("official"))
                #expect(forbidden.status == .forbidden)

                let report = try await client.execute(uri: "/api/v1/report?as_of=2025-11-30&format=xlsx&lang=en", method: .get, headers: fixture.headers("official"))
                #expect(report.status == .ok)
                #expect(report.headers[.contentType] == Self.workbookType)
                let reportFile = fixture.fixtures.url("report.xlsx")
                try Data(buffer: report.body).write(to: reportFile)
                #expect(try Workbooks.inspect(reportFile).sheets.first?.name == "Targets")
                let dayFirst = try await client.execute(uri: "/api/v1/report?as_of=30/11/2025", method: .get, headers: fixture.headers("official"))
                #expect(dayFirst.status == .badRequest, "as_of is YYYY-MM-DD, as the contract says")
                let dashboard = try await client.execute(uri: "/dashboard?as_of=2025-11-30", method: .get, headers: fixture.headers("official"))
                #expect(String(buffer: dashboard.body).contains("format=xlsx"))
            }
        }
    }
}
