import Foundation
import HocAI
import HocAIServer
import HocAITestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// Identity conflicts through the API and the pages (issue: green on any machine, §3): a row
/// held through the API, seen by its centre with why and by an administrator with both
/// identities, counted in the report, decided by an administrator only, then applied.
@Suite(.hangGuard)
struct ConflictRoutesTests {
    @Test func aHeldRowIsSeenDecidedAndAppliedThroughTheAPIAndThePages() async throws {
        try await ServerFixture.with { fixture in
            // TT02 lists TT01-A's second learner under another name (and a new learner of its own).
            let learner = fixture.learners["TT01-A"]![1]
            let rows = [ServerFixture.learnerHeader,
                        ["Trần Văn Hải", learner, "01/01/1995", "Nam", "", "Phổ Yên", "TT02-B", Cascade.instructor(6),
                         "01/06/2025", "20/06/2025", "Đạt", "9"],
                        ["Đỗ Thị Mai", "019195000977", "01/01/1995", "Nữ", "", "Phổ Yên", "TT02-B", Cascade.instructor(6),
                         "01/06/2025", "", "", ""]]
            try await fixture.test { client in
                let url = try await fixture.submit(client, "/api/v1/imports/learners?file_name=tt02-dot-3.csv", as: "tt02",
                                                   body: ByteBuffer(string: Fixtures.csv(rows)))
                let job = try await fixture.finished(client, job: url, as: "tt02")
                let summary = try #require(job["summary"] as? [String: Any], "\(job)")
                #expect(summary["held"] as? Int == 1)
                #expect(summary["rejected"] as? Int == 0)
                #expect(job["rejects_url"] == nil)
                let heldRow = try #require((summary["held_rows"] as? [[String: Any]])?.first)
                #expect(heldRow["line"] as? Int == 2)
                #expect(heldRow["code"] as? String == "person.identity_held")

                // The centre: its row and why, not the register's name; another centre: nothing.
                let mine = try await client.execute(uri: "/api/v1/held-rows", method: .get, headers: fixture.headers("tt02"))
                #expect(mine.status == .ok)
                let row = try #require((mine.json["rows"] as? [[String: Any]])?.first, "\(mine.text)")
                #expect(row["status"] as? String == "open")
                #expect(row["full_name"] as? String == "Trần Văn Hải")
                #expect(!mine.text.contains("Trần Văn Học"), "the register's spelling is not shown to another centre")
                let id = try #require(row["id"] as? Int)
                let theirs = try await client.execute(uri: "/api/v1/held-rows", method: .get, headers: fixture.headers("tt01"))
                #expect((theirs.json["rows"] as? [Any])?.isEmpty == true)
                let page = try await client.execute(uri: "/centre", method: .get, headers: fixture.headers("tt02"))
                #expect(page.text.contains("data-hold=\"\(id)\" data-status=\"open\""))

                // Only an administrator sees the conflict and decides it; an official sees a count.
                for login in ["tt02", "official", "gv0"] {
                    let refused = try await client.execute(uri: "/api/v1/conflicts", method: .get, headers: fixture.headers(login))
                    #expect(refused.status == .forbidden, "\(login)")
                    let decide = try await client.execute(uri: "/api/v1/conflicts/\(id)/resolution", method: .post,
                                                          headers: fixture.headers(login, [.contentType: "application/json"]),
                                                          body: ServerFixture.body(["keep": "row"]))
                    #expect(decide.status == .forbidden, "\(login)")
                }
                let report = try await client.execute(uri: "/api/v1/report?as_of=2025-12-31", method: .get, headers: fixture.headers("official"))
                #expect(report.json["people_with_open_conflicts"] as? Int == 1)
                let conflicts = try await client.execute(uri: "/api/v1/conflicts", method: .get, headers: fixture.headers("admin"))
                let conflict = try #require((conflicts.json["conflicts"] as? [[String: Any]])?.first, "\(conflicts.text)")
                #expect((conflict["registered"] as? [String: Any])?["full_name"] as? String == "Trần Văn Học Hai")
                let adminPage = try await client.execute(uri: "/conflicts", method: .get, headers: fixture.headers("admin"))
                #expect(adminPage.status == .ok)
                #expect(adminPage.text.contains("data-hold=\"\(id)\""))

                let wrong = try await client.execute(uri: "/api/v1/conflicts/\(id)/resolution", method: .post,
                                                     headers: fixture.headers("admin", [.contentType: "application/json"]),
                                                     body: ServerFixture.body(["keep": "maybe"]))
                #expect(wrong.status == .badRequest)
                let unknown = try await client.execute(uri: "/api/v1/conflicts/999999/resolution", method: .post,
                                                       headers: fixture.headers("admin", [.contentType: "application/json"]),
                                                       body: ServerFixture.body(["keep": "register"]))
                #expect(unknown.status == .notFound)
                #expect(unknown.json["code"] as? String == "conflict.unknown")

                // The page's form: the register is right; the row is imported as this person's.
                let token = try #require(PageTests.cookies(adminPage)["hocai_csrf"])
                var headers = fixture.headers("admin", PageTests.formType(cookie: "hocai_csrf=\(token)"))
                headers[.authorization] = fixture.headers("admin")[.authorization]
                let decided = try await client.execute(uri: "/conflicts/\(id)", method: .post, headers: headers,
                                                       body: PageTests.form(["csrf": token, "decision": "register"]))
                #expect(decided.status == .seeOther)
                #expect(decided.headers[.location] == "/conflicts?done=\(id)")
                let after = try await client.execute(uri: "/api/v1/held-rows", method: .get, headers: fixture.headers("tt02"))
                #expect((after.json["rows"] as? [[String: Any]])?.first?["status"] as? String == "applied")
                let again = try await client.execute(uri: "/api/v1/report?as_of=2025-12-31", method: .get, headers: fixture.headers("official"))
                #expect(again.json["people_with_open_conflicts"] as? Int == 0)
            }
            #expect(try fixture.db.query("SELECT full_name FROM people WHERE national_id = \(learner)").scalar(String.self) == "Trần Văn Học Hai")
            #expect(try fixture.db.query("SELECT count(*) FROM completions WHERE national_id = \(learner) AND result = 'pass'").scalar(Int.self) == 1)
        }
    }
}
