import Foundation
import HocAI
import HocAIServer
import HocAITestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// Each account does its own job and nothing else, through HTTP: the routes check the role, and
/// the database (roles and row-level security, sql/010) keeps every statement to the account's
/// centre or classes.
@Suite(.serialized, .hangGuard)
struct ScopeTests {
    /// A centre the register does not have, a malformed one, or none where the kind needs one:
    /// refused with what to fix, and neither the file nor a job is kept.
    @Test func anImportForNoKnownCentreIsRefusedAndKeepsNothing() async throws {
        try await ServerFixture.with { fixture in
            let before = try RegisterSnapshot(fixture.db)
            let body = ByteBuffer(string: Fixtures.csv([ServerFixture.learnerHeader]))
            try await fixture.test { client in
                for (uri, status, code) in [("/api/v1/imports/learners?center=KHONGCO", HTTPResponse.Status.notFound, "center.unknown"),
                                            ("/api/v1/imports/learners?center=t%20t", .badRequest, "center.code_invalid"),
                                            ("/api/v1/imports/learners", .badRequest, "argument.invalid")] {
                    try await client.execute(uri: uri, method: .post, headers: fixture.headers("admin"), body: body) { response in
                        #expect(response.status == status, "\(uri)")
                        #expect(response.json["code"] as? String == code, "\(uri)")
                    }
                }
            }
            #expect(try RegisterSnapshot(fixture.db).differences(from: before).isEmpty)
            let uploads = (try? FileManager.default.contentsOfDirectory(atPath: fixture.fixtures.url("server-data/uploads").path)) ?? []
            #expect(uploads.isEmpty, "\(uploads)")
        }
    }

    /// A centre cannot import into, list or download another centre's anything.
    @Test func aCentreKeepsToItsOwnCentre() async throws {
        try await ServerFixture.with { fixture in
            let before = try RegisterSnapshot(fixture.db)
            try await fixture.test { client in
                let rows = [ServerFixture.learnerHeader,
                            ["Lê Thị Mai", "019190000900", "02/02/1990", "Nữ", "", "Phổ Yên", "TT02-B", Cascade.instructor(6), "01/07/2025", "", "", ""]]
                let file = ByteBuffer(string: Fixtures.csv(rows))
                // Into another centre, or experts: refused before anything is read.
                for uri in ["/api/v1/imports/learners?center=TT02", "/api/v1/imports/experts", "/api/v1/imports/instructors?center=tt02"] {
                    try await client.execute(uri: uri, method: .post, headers: fixture.headers("tt01"), body: file) { response in
                        #expect(response.status == .forbidden, "\(uri)")
                        #expect(response.json["code"] as? String == "auth.forbidden")
                    }
                }
                // Its own centre, naming another centre's class: every row returned, nothing written.
                let own = try await fixture.submit(client, "/api/v1/imports/learners", as: "tt01", body: file)
                let job = try await fixture.finished(client, job: own, as: "tt01")
                let summary = try #require(job["summary"] as? [String: Any])
                #expect(summary["rejected"] as? Int == 1)
                #expect((summary["rejects"] as? [[String: Any]])?.first?["code"] as? String == "class.other_center")
                // TT02's own job: TT01 sees neither it nor its rejects; TT02 sees both.
                let theirs = try await fixture.submit(client, "/api/v1/imports/learners", as: "tt02", body: ByteBuffer(string: Fixtures.csv([
                    ServerFixture.learnerHeader,
                    ["Lê Thị Mai", "019190000900", "02/02/1990", "Nữ", "", "Phổ Yên", "TT01-A", Cascade.instructor(0), "01/07/2025", "", "", ""],
                ])))
                let theirJob = try await fixture.finished(client, job: theirs, as: "tt02")
                let rejects = try #require(theirJob["rejects_url"] as? String)
                for uri in [theirs, rejects] {
                    try await client.execute(uri: uri, method: .get, headers: fixture.headers("tt01")) { #expect($0.status == .notFound, "\(uri)") }
                    try await client.execute(uri: uri, method: .get, headers: fixture.headers("tt02")) { #expect($0.status == .ok, "\(uri)") }
                    try await client.execute(uri: uri, method: .get, headers: fixture.headers("admin")) { #expect($0.status == .ok, "\(uri)") }
                }
                try await client.execute(uri: "/api/v1/jobs", method: .get, headers: fixture.headers("tt01")) { response in
                    let jobs = response.json["jobs"] as? [[String: Any]] ?? []
                    #expect(jobs.count == 1)
                    #expect(jobs.allSatisfy { $0["center"] as? String == "TT01" })
                }
                // Lists: its own classes, batches and learners only.
                try await client.execute(uri: "/api/v1/classes", method: .get, headers: fixture.headers("tt01")) { response in
                    let classes = response.json["classes"] as? [[String: Any]] ?? []
                    #expect(classes.map { $0["code"] as? String } == ["TT01-A"])
                }
                try await client.execute(uri: "/api/v1/batches", method: .get, headers: fixture.headers("tt01")) { response in
                    let batches = response.json["batches"] as? [[String: Any]] ?? []
                    #expect(!batches.isEmpty)
                    #expect(batches.allSatisfy { $0["center"] as? String == "TT01" })
                }
                try await client.execute(uri: "/api/v1/classes/TT02-B/learners", method: .get, headers: fixture.headers("tt01")) {
                    #expect($0.status == .notFound)
                }
                try await client.execute(uri: "/api/v1/classes/TT01-A/learners", method: .get, headers: fixture.headers("tt01")) { response in
                    #expect((response.json["learners"] as? [Any])?.count == 4)
                }
                // Nor the administrators' and officials' routes.
                for (method, uri) in [(HTTPRequest.Method.get, "/api/v1/report"), (.get, "/api/v1/accounts"), (.post, "/api/v1/results")] {
                    try await client.execute(uri: uri, method: method, headers: fixture.headers("tt01"), body: ByteBuffer(string: "{}")) {
                        #expect($0.status == .forbidden, "\(method) \(uri)")
                    }
                }
            }
            // Every row of both files was returned: only the record of the imports changed.
            let changed = try RegisterSnapshot(fixture.db).differences(from: before)
            #expect(Set(changed).isSubset(of: ["import_batches", "import_jobs", "audit_log"]), "\(changed)")
        }
    }

    /// An instructor records results in their own classes only: one at a time or as a CSV.
    @Test func anInstructorRecordsResultsInTheirOwnClassesOnly() async throws {
        try await ServerFixture.with { fixture in
            let own = fixture.learners["TT01-A"]!, other = fixture.learners["TT02-B"]!
            try await fixture.test { client in
                func record(_ id: String, _ classCode: String, as login: String) async throws -> TestResponse {
                    try await client.execute(uri: "/api/v1/results", method: .post, headers: fixture.headers(login, [.contentType: "application/json"]),
                                             body: ServerFixture.body(["national_id": id, "class": classCode, "result": "pass",
                                                                       "date": "2025-06-21", "score": 8.5]))
                }
                let issued = try await record(own[1], "TT01-A", as: "gv0")
                #expect(issued.status == .created)
                #expect(issued.json["status"] as? String == "issued")
                let before = try RegisterSnapshot(fixture.db)
                // Another instructor's class, whether or not the learner is also theirs.
                for (id, classCode) in [(other[1], "TT02-B"), (own[2], "TT02-B")] {
                    let refused = try await record(id, classCode, as: "gv0")
                    #expect(refused.status == .forbidden)
                }
                // gv6 teaches TT02-B, not TT01-A.
                #expect(try await record(own[2], "TT01-A", as: "gv6").status == .forbidden)
                // A CSV of results: rows for another's class are returned, the rest recorded.
                let csv = Fixtures.csv([
                    ["Số CCCD", "Mã lớp", "Ngày hoàn thành", "Kết quả", "Điểm"],
                    [own[2], "TT01-A", "22/06/2025", "Đạt", "9"],
                    [other[2], "TT02-B", "22/06/2025", "Đạt", "9"],
                ])
                let url = try await fixture.submit(client, "/api/v1/imports/completions?center=TT01", as: "gv0", body: ByteBuffer(string: csv))
                let summary = try #require(try await fixture.finished(client, job: url, as: "gv0")["summary"] as? [String: Any])
                #expect(summary["accepted"] as? Int == 1)
                #expect((summary["rejects"] as? [[String: Any]])?.map { $0["code"] as? String } == ["class.other_center"])
                let url2 = try await fixture.submit(client, "/api/v1/imports/completions?center=TT02", as: "gv0", body: ByteBuffer(string: csv))
                let summary2 = try #require(try await fixture.finished(client, job: url2, as: "gv0")["summary"] as? [String: Any])
                #expect((summary2["rejects"] as? [[String: Any]])?.map { ($0["code"] as? String) ?? "" }.sorted() == ["class.not_taught", "class.other_center"])
                // An instructor sends results only, never rosters.
                try await client.execute(uri: "/api/v1/imports/learners?center=TT01", method: .post, headers: fixture.headers("gv0"),
                                         body: ByteBuffer(string: csv)) { #expect($0.status == .forbidden) }
                // Lists: their own classes and learners.
                try await client.execute(uri: "/api/v1/classes", method: .get, headers: fixture.headers("gv0")) { response in
                    #expect((response.json["classes"] as? [[String: Any]])?.map { $0["code"] as? String } == ["TT01-A"])
                }
                try await client.execute(uri: "/api/v1/classes/TT02-B/learners", method: .get, headers: fixture.headers("gv0")) {
                    #expect($0.status == .notFound)
                }
                let after = try RegisterSnapshot(fixture.db)
                #expect(after.completions == before.completions + 1, "only the own-class row of the CSV is recorded")
                #expect(try fixture.db.query("""
                    SELECT count(*) FROM completions x JOIN classes c ON c.id = x.class_id
                    WHERE c.code = 'TT02-B' AND x.recorded_by IS DISTINCT FROM 'account:gv6' AND x.recorded_by LIKE 'account:%'
                    """).scalar(Int.self) == 0)
            }
        }
    }

    /// An official sees counts: from every route they may reach, in every form and breakdown of
    /// the report, not one name, CCCD or phone number of the register.
    @Test func anOfficialGetsNothingPersonal() async throws {
        try await ServerFixture.with { fixture in
            let personal = try fixture.db.query("SELECT full_name, national_id, phone FROM people").rows.flatMap { row in
                let (name, id, phone) = try row.decode((String, String, String?).self)
                return [name, id, String(id.suffix(9))] + (phone.map { [$0, "0" + $0.dropFirst(3)] } ?? [])
            }
            #expect(personal.count > 40)
            let code = try fixture.certificateCode()
            try await fixture.test { client in
                var uris: [String] = []
                for operation in try OpenAPIDocument.load().operations where operation.method == .get {
                    uris.append(operation.path.replacingOccurrences(of: "{code}", with: operation.path.contains("classes") ? "TT01-A" : code)
                        .replacingOccurrences(of: "{id}", with: UUID().uuidString))
                }
                for format in ["json", "csv", "html"] {
                    for by in ["", "commune", "center", "sex", "age", "month"] {
                        uris.append("/api/v1/report?as_of=2025-12-31&format=\(format)" + (by.isEmpty ? "" : "&by=\(by)"))
                    }
                }
                var answered = 0
                for uri in uris {
                    let response = try await client.execute(uri: uri, method: .get, headers: fixture.headers("official"))
                    if response.status == .ok { answered += 1 }
                    let text = response.text
                    for value in personal where text.contains(value) {
                        Issue.record("\(uri) shows an official personal data (\(value.count) characters)")
                    }
                }
                #expect(answered >= 20, "the official's routes answered")
                try await client.execute(uri: "/api/v1/batches", method: .get, headers: fixture.headers("official")) { response in
                    let batches = response.json["batches"] as? [[String: Any]] ?? []
                    #expect(batches.count >= 4)
                    #expect(batches.allSatisfy { $0["file_name"] == nil })
                }
            }
        }
    }
}
