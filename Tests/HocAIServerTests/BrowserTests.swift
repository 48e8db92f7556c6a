import Foundation
import HocAI
import HocAIServer
import HocAITestSupport
import Hummingbird
import HummingbirdTesting
import PostgresLibPQ
import Testing

/// The pages in a real browser (headless Chromium through chromedriver) on the live server: each
/// user's path through them, the dashboard held to the API, one centre kept out of another's
/// pages, the verify page's verdicts, and hostile names shown as text.
@Suite(.serialized, .hangGuard)
struct BrowserTests {
    /// A clerk signs in, sends a messy Windows-1258 roster with `;` (checked first), watches its
    /// progress, reads the summary (the CLI's for the same file), downloads the rejects file (UTF-8
    /// with a BOM, the same bytes as the CLI's), then imports it for real.
    @Test func aClerksWholePath() async throws {
        let holdKey: Int64 = 626_262
        try await ServerFixture.with(configure: { $0.testHold = (.checks, holdKey) }) { fixture in
            let roster = try fixture.fixtures.sample("danh-sach-hoc-vien.csv", kind: .learners, rows: 300, messy: 0.03,
                                                     encoding: .windows1258, delimiter: .semicolon).url
            let cliRejects = fixture.fixtures.url("cli.rejects.csv")
            let cli = try HocAIProcess.run(
                ["import", "learners", roster.path, "--center", "TT01", "--dry-run", "--format", "json", "--rejects", cliRejects.path],
                databaseURL: try TestDatabase.databaseURL(for: fixture.name))
            #expect(cli.status == 2, "a dry run that returned rows: \(cli.stderr)")
            let cliSummary = JSONBox(try #require(try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [String: Any]))
            try await fixture.live { base, _ in
                let expected = cliSummary.value
                try await BrowserVisit.with(base) { visit in
                    let browser = visit.browser
                    try await visit.open("/")
                    try await visit.check("home")
                    try await visit.open("/sign-in")
                    try await visit.check("sign-in")
                    try await visit.signIn("tt01", landing: "/centre")
                    try await visit.check("centre")
                    // English on request, remembered, then back.
                    try await browser.find("a.lang").click()
                    _ = try await browser.waitFor("html[lang=en]")
                    #expect(try await browser.text("h1") == "Import rosters")
                    try await visit.open("/centre?lang=vi")
                    #expect(try await browser.text("h1") == "Nhập danh sách")

                    // Checked first: the job holds after reading, so its progress shows.
                    try fixture.db.query("SELECT pg_advisory_lock(\(holdKey))")
                    try await browser.find("#kind option[value=learners]").click()
                    try await browser.find("#file").type(roster.path)
                    try await browser.find("button[value=check]").click()
                    let bar = try await browser.waitFor("[data-job-url] progress")
                    try await waitFor("the progress bar to reach the file's end") {
                        try await bar.property("value") as? Double == 100
                    }
                    #expect(try await browser.text("[data-progress-text]").contains("300"))
                    try await visit.check("job-running")
                    try fixture.db.query("SELECT pg_advisory_unlock(\(holdKey))")
                    _ = try await browser.waitFor("[data-status=done]")
                    try await visit.check("job-checked")
                    let shown = try await visit.fields(".summary")
                    for key in ["rows", "accepted", "rejected", "inserted", "updated", "unchanged", "duplicates", "warnings"] {
                        #expect(shown[key] == (expected[key] as? Int).map(String.init), "\(key): page \(shown[key] ?? "-"), CLI \(expected[key] ?? "-")")
                    }
                    let firstReject = try #require((expected["rejects"] as? [[String: Any]])?.first)
                    let firstRow = try await browser.find("table.errors tbody tr").findAll("td")
                    #expect(try await firstRow[0].text == String(firstReject["line"] as? Int ?? 0))
                    #expect(try await firstRow[2].text == firstReject["message"] as? String)

                    // The rejects file, downloaded by the browser: the CLI's, byte for byte.
                    try await browser.find("a[download][href$='/rejects']").click()
                    var downloaded: URL?
                    try await waitFor("the rejects file to download") {
                        downloaded = try FileManager.default.contentsOfDirectory(at: browser.downloads, includingPropertiesForKeys: nil)
                            .first { $0.pathExtension == "csv" }
                        return downloaded != nil
                    }
                    let bytes = try Data(contentsOf: try #require(downloaded))
                    #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "UTF-8 with a BOM")
                    #expect(String(data: bytes, encoding: .utf8) != nil)
                    #expect(bytes == (try Data(contentsOf: cliRejects)), "the same rows as the CLI's")
                    #expect(downloaded?.lastPathComponent == "danh-sach-hoc-vien.rejects.csv")

                    // Then for real.
                    try await visit.open("/centre")
                    try await browser.find("#file").type(roster.path)
                    try await browser.find("button[value=import]").click()
                    _ = try await browser.waitFor("[data-status=done]")
                    #expect(try await visit.fields(".summary")["accepted"] == (expected["accepted"] as? Int).map(String.init))
                    #expect(try await browser.find(".verdict.valid").text.contains("ĐÃ NHẬP"))
                    try await visit.open("/centre")
                    let history = try await browser.run("""
                        return Array.from(document.querySelectorAll("tr[data-batch] bdi")).map(e => e.textContent);
                        """) as? [String]
                    #expect(history?.first == "danh-sach-hoc-vien.csv", "the batch heads the centre's history: \(history ?? [])")
                }
            }
        }
    }

    /// An instructor records a pass on the class page; the official's dashboard counts the learner,
    /// and every figure on it equals `GET /api/v1/report` for the same date, today and at the
    /// deadline (picked with the date field).
    @Test func anInstructorsPassReachesTheOfficialsDashboard() async throws {
        try await ServerFixture.with { fixture in
            let learner = fixture.learners["TT01-A"]![1]
            let masked = NationalID(validated: learner).masked
            try await fixture.live { base, client in
                try await BrowserVisit.with(base) { visit in
                    let browser = visit.browser
                    try await visit.signIn("official", landing: "/dashboard")
                    let before = try await visit.fields("section[data-group=learners]")["achieved"].flatMap { Int($0) }

                    try await visit.signIn("gv0", landing: "/instructor")
                    try await visit.check("instructor")
                    try await browser.find("a[href='/instructor/classes/TT01-A']").click()
                    _ = try await browser.waitFor("table.learners")
                    try await visit.check("instructor-class")
                    let row = try await browser.find("tr[data-national-id='\(masked)']")
                    #expect(try await row.attribute("data-result") == "")
                    try await row.find("input[name=score]").type("8.5")
                    try await row.find("button[type=submit]").click()
                    let verdict = try await browser.waitFor(".verdict[data-outcome]")
                    #expect(try await verdict.attribute("data-outcome") == "issued")
                    #expect(try await browser.find("tr[data-national-id='\(masked)']").attribute("data-result") == "pass")
                    #expect(!(try await browser.source).contains(">\(learner)<"), "the CCCD is shown masked")

                    try await visit.signIn("official", landing: "/dashboard")
                    try await visit.check("dashboard")
                    let after = try await visit.fields("section[data-group=learners]")["achieved"].flatMap { Int($0) }
                    #expect(after == before.map { $0 + 1 }, "the learner is counted")
                    try await expectDashboardEqualsAPI(visit, client, fixture, date: CalendarDate.today().description)

                    try await browser.run("""
                        document.querySelector("input[name=as_of]").value = "2025-12-31";
                        document.querySelector("form[action='/dashboard'] button").click();
                        """)
                    _ = try await browser.waitFor("[data-as-of='2025-12-31']")
                    try await expectDashboardEqualsAPI(visit, client, fixture, date: "2025-12-31")
                }
            }
        }
    }

    private func expectDashboardEqualsAPI(
        _ visit: BrowserVisit, _ client: any TestClientProtocol, _ fixture: ServerFixture, date: String
    ) async throws {
        let report = try await client.execute(uri: "/api/v1/report?as_of=\(date)", method: .get, headers: fixture.headers("official")).json
        for target in report["targets"] as? [[String: Any]] ?? [] {
            let group = target["group"] as? String ?? ""
            let shown = try await visit.fields("section[data-group=\(group)]")
            for key in ["achieved", "target", "percent", "remaining", "deadline", "daily_rate_28d", "needed_daily_rate", "projected_date", "revoked"] {
                #expect(Self.same(shown[key], target[key]), "\(date) \(group) \(key): page \(shown[key] ?? "-"), API \(target[key] ?? "null")")
            }
        }
        for dimension in ProgressReport.Dimension.allCases {
            let api = try await client.execute(uri: "/api/v1/report?as_of=\(date)&by=\(dimension.rawValue)", method: .get,
                                               headers: fixture.headers("official")).json
            let rows = try await visit.browser.run("""
                return Array.from(document.querySelectorAll("table[data-by=" + arguments[0] + "] tbody tr"))
                    .map(r => [r.dataset.key, r.querySelector("[data-field=achieved]").dataset.value]);
                """, [dimension.rawValue]) as? [[String]] ?? []
            let expected = (api["breakdown"] as? [[String: Any]] ?? []).map { [$0["key"] as? String ?? "", String($0["achieved"] as? Int ?? -1)] }
            #expect(rows == expected, "\(date) by \(dimension.rawValue)")
        }
    }

    /// A figure on the page (`data-value`) and the API's: numbers as numbers, nothing as empty.
    private static func same(_ shown: String?, _ api: Any?) -> Bool {
        switch api {
        case nil, is NSNull: return shown == ""
        case let number as NSNumber where !(api is String): return Double(shown ?? "") == number.doubleValue
        case let text as String: return shown == text
        default: return false
        }
    }

    /// A clerk of centre A reaches none of centre B's pages or files: B's job page and its rejects
    /// file are not found, the instructors' and officials' pages are refused, and A's own page
    /// shows none of B's batches.
    @Test func aCentreCannotOpenAnotherCentresPages() async throws {
        try await ServerFixture.with { fixture in
            let roster = try fixture.fixtures.sample("tt02-hoc-vien.csv", kind: .learners, rows: 60, messy: 0.1, center: "TT02").url
            try await fixture.live { base, client in
                let job = try await fixture.submit(InProcess(client: client), "/api/v1/imports/learners?center=TT02&file_name=bi-mat-tt02.csv",
                                                   as: "tt02", body: ByteBuffer(bytes: try Data(contentsOf: roster)))
                let finished = try await fixture.finished(InProcess(client: client), job: job, as: "tt02")
                #expect(finished["rejects_url"] != nil, "\(finished)")
                let id = job.split(separator: "/").last.map(String.init) ?? ""
                try await BrowserVisit.with(base) { visit in
                    let browser = visit.browser
                    try await visit.signIn("tt01", landing: "/centre")
                    #expect(!(try await browser.source).contains("bi-mat-tt02"))
                    for (path, code) in [("/jobs/\(id)", "not_found"), ("/instructor/classes/TT02-B", "auth.forbidden"),
                                         ("/dashboard", "auth.forbidden"), ("/instructor", "auth.forbidden")] {
                        try await visit.open(path)
                        let verdict = try await browser.waitFor(".verdict.error[data-code]")
                        #expect(try await verdict.attribute("data-code") == code, "\(path)")
                        #expect(!(try await browser.source).contains("Trần Văn Học"), "\(path) shows nobody")
                    }
                    try await visit.check("error-404")
                    try await visit.open("/api/v1/jobs/\(id)/rejects")
                    #expect(try await browser.source.contains("not_found"))
                    #expect(try FileManager.default.contentsOfDirectory(atPath: browser.downloads.path).isEmpty, "nothing downloaded")
                }
            }
        }
    }

    /// The public verification page in Chromium: a valid, a revoked, an unknown and a mistyped
    /// code, each with its verdict; a mistyped code's candidate leads to the real certificate.
    @Test func theVerifyPageShowsEachVerdict() async throws {
        try await ServerFixture.with { fixture in
            let valid = try fixture.certificateCode()
            let revoked = try fixture.db.query("SELECT code FROM certificates WHERE national_id = \(fixture.learners["TT02-B"]![0])")
                .scalar(String.self)
            _ = try CertificateService(connection: fixture.db, logger: TestDatabase.logger).revoke(revoked, reason: "Cấp nhầm người")
            let unknown = try #require(CertificateCode.candidates(for: Self.slip(valid)).first { $0.value != valid }).value
            let mistyped = Self.slip(valid)
            try await fixture.live { base, _ in
                try await BrowserVisit.with(base) { visit in
                    let browser = visit.browser
                    try await visit.open("/v/\(valid)")
                    _ = try await browser.waitFor(".verdict.valid")
                    #expect(!(try await browser.source).contains("Trần Văn Học"), "the holder's name is masked")
                    try await visit.check("verify-valid")
                    try await visit.open("/v/\(revoked)")
                    #expect(try await browser.waitFor(".verdict.revoked").text.contains("Cấp nhầm người"))
                    try await visit.open("/v/\(unknown)")
                    _ = try await browser.waitFor(".verdict.unknown")
                    // Typed in the form, as a person would.
                    try await visit.open("/v")
                    try await browser.find("input[name=code]").type(mistyped + Browser.Keys.enter)
                    _ = try await browser.waitFor(".verdict.mistyped")
                    try await visit.check("verify-mistyped")
                    let candidate = try await browser.find("a.code[href='/v/\(valid)']")
                    try await candidate.click()
                    _ = try await browser.waitFor(".verdict.valid")
                }
            }
        }
    }

    /// `code` with one character changed (its check character then fails).
    static func slip(_ code: String) -> String {
        var characters = Array(code)
        characters[3] = characters[3] == "7" ? "8" : "7"
        return String(characters)
    }

    /// Every role's pages fit a 390 px phone with each font family's metrics alone (DejaVu with
    /// its extra faces, which an office suite installs, Liberation, Noto), whatever else the
    /// machine has: long names, codes and file names wrap or scroll inside their own box.
    @Test(arguments: [Browser.Fonts.dejavu, .liberation, .noto])
    func everyPageFitsAPhoneWithEachFontFamily(_ fonts: Browser.Fonts) async throws {
        try await ServerFixture.with { fixture in
            try fixture.db.query("""
                UPDATE training_centers SET name = 'Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên huyện Đại Từ cũ'
                WHERE code = 'TT01'
                """)
            let roster = try fixture.fixtures.sample("danh-sach-hoc-vien-dot-hai-nam-hai-nghin-khong-tram-hai-muoi-lam.csv",
                                                     kind: .learners, rows: 30, messy: 0.1).url
            let code = try fixture.certificateCode()
            try await fixture.live { base, client in
                let job = try await fixture.submit(InProcess(client: client), "/api/v1/imports/learners?dry_run=true&file_name=\(roster.lastPathComponent)",
                                                   as: "tt01", body: ByteBuffer(bytes: try Data(contentsOf: roster)))
                _ = try await fixture.finished(InProcess(client: client), job: job, as: "tt01")
                let id = job.split(separator: "/").last.map(String.init) ?? ""
                try await BrowserVisit.with(base, fonts: fonts) { visit in
                    try await visit.open("/sign-in")
                    try await visit.check("\(fonts)-sign-in")
                    try await visit.signIn("tt01", landing: "/centre")
                    try await visit.check("\(fonts)-centre")
                    try await visit.open("/jobs/\(id)")
                    try await visit.check("\(fonts)-job")
                    try await visit.signIn("gv0", landing: "/instructor")
                    try await visit.check("\(fonts)-instructor")
                    try await visit.open("/instructor/classes/TT01-A")
                    try await visit.check("\(fonts)-instructor-class")
                    try await visit.signIn("official", landing: "/dashboard")
                    try await visit.check("\(fonts)-dashboard")
                    try await visit.open("/v/\(code)")
                    try await visit.check("\(fonts)-verify")
                    try await visit.open("/khong-co")
                    try await visit.check("\(fonts)-error-404")
                }
            }
        }
    }

    /// Names that try to be markup, quotes, right-to-left and zero-width characters, and a flood
    /// of combining marks reach the pages as text: nothing runs, the text reads as it was typed.
    @Test func hostileNamesStayText() async throws {
        try await ServerFixture.with { fixture in
            // Within what the register allows a name (100 characters, no digits; right-to-left and
            // zero-width characters the database refuses, so they are tried where typing reaches a
            // page: the verify form and a file's name).
            let hostile = "<script>window.__pwned=\"n\"</script>\"><img src=x onerror=window.__pwned=\"i\"> O'Brien x"
                + String(repeating: "\u{0301}", count: 10)
            let learner = fixture.learners["TT01-A"]![2]
            try fixture.db.query("UPDATE people SET full_name = \(hostile) WHERE national_id = \(learner)")
            let centreName = "Trung tâm <b>\"ĐẠI TỪ\"</b> & <i onmouseover=window.__pwned=\"c\">"
            try fixture.db.query("UPDATE training_centers SET name = \(centreName) WHERE code = 'TT01'")
            let fileName = "<img src=x onerror=window.__pwned=\"f\">\u{202E}vsc\u{200B}.csv"
            let roster = try fixture.fixtures.sample("tt01.csv", kind: .learners, rows: 20).url
            try await fixture.live { base, client in
                try await BrowserVisit.with(base) { visit in
                    let browser = visit.browser
                    try await visit.signIn("gv0", landing: "/instructor")
                    try await visit.open("/instructor/classes/TT01-A")
                    let name = try await browser.find("tr[data-national-id='\(NationalID(validated: learner).masked)'] bdi")
                    #expect(try await name.property("textContent") as? String == hostile)
                    try await visit.check("hostile-instructor-class")

                    try await visit.signIn("tt01", landing: "/centre")
                    #expect(try await browser.find("main p.muted bdi").property("textContent") as? String == centreName)
                    try await browser.find("#file").type(roster.path)
                    // The file's name as the clerk's computer had it: set through the form's own file list.
                    try await browser.run("""
                        const input = document.querySelector("#file"), file = input.files[0];
                        const renamed = new File([file], arguments[0], { type: "text/csv" });
                        const list = new DataTransfer(); list.items.add(renamed); input.files = list.files;
                        """, [fileName])
                    try await browser.find("button[value=check]").click()
                    _ = try await browser.waitFor("[data-status=done]")
                    // Shown as text, without the invisible characters (they could disguise its name)
                    // and the quotes and slashes a file's name is kept from.
                    let heading = try await browser.find("h1").property("textContent") as? String
                    #expect(heading == "Nhập tệp <img src=x onerror=window.__pwned=f>vsc.csv")
                    try await visit.check("hostile-job")
                    try await visit.open("/centre")
                    try await visit.check("hostile-centre")
                    // Typed into the verify form: echoed as text, never as markup.
                    try await visit.open("/v")
                    let typed = "<svg onload=window.__pwned=1>\u{202E}\u{200B}"
                    try await browser.find("input[name=code]").type(typed + Browser.Keys.enter)
                    _ = try await browser.waitFor(".verdict.error")
                    try await visit.check("hostile-verify")
                    _ = client
                }
            }
        }
    }
}
