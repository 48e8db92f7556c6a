import Foundation
import HocAI
import HocAIServer
import HocAITestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// Imports through the API: the same importer as `hocai import`, run as a job.
@Suite(.serialized, .hangGuard)
struct ImportJobTests {
    /// The same file, sent to the API and given to `hocai import` on a twin register: the same
    /// summary, the same rejects file, the same register.
    @Test func anImportThroughTheAPIEqualsTheCommandLines() async throws {
        try await ServerFixture.with { fixture in
            let roster = try fixture.fixtures.sample("hoc-vien.csv", kind: .learners, rows: 600, messy: 0.03).url
            let body = ByteBuffer(bytes: try Data(contentsOf: roster))
            let (job, apiRejects) = try await fixture.test { client in
                let url = try await fixture.submit(client, "/api/v1/imports/learners?file_name=hoc-vien.csv", as: "tt01", body: body)
                let job = try await fixture.finished(client, job: url, as: "tt01")
                let rejects = try await client.execute(uri: url + "/rejects", method: .get, headers: fixture.headers("tt01"))
                #expect(rejects.status == .ok)
                #expect(rejects.headers[.contentDisposition] == "attachment; filename=\"hoc-vien.rejects.csv\"")
                return (JSONBox(job), Data(buffer: rejects.body))
            }
            #expect(job.value["status"] as? String == "done")
            let summary = try #require(job.value["summary"] as? [String: Any])
            #expect(summary["rejected"] as? Int ?? 0 > 10, "the file has defects to return")
            #expect(summary["accepted"] as? Int ?? 0 > 300)

            try TestDatabase.withDatabase { twin, name in
                _ = try ServerFixture.prepareRegister(twin, fixtures: fixture.fixtures)
                let cliRejects = fixture.fixtures.url("cli.rejects.csv")
                let run = try HocAIProcess.run(["import", "learners", roster.path, "--center", "TT01", "--format", "json",
                                                "--rejects", cliRejects.path], databaseURL: try TestDatabase.databaseURL(for: name))
                let cli = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stderr)")
                func canonical(_ value: Any?) -> String {
                    guard let value else { return "absent" }
                    return (try? JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) } ?? "\(value)"
                }
                let differing = Set(cli.keys).union(summary.keys).subtracting(["batch_id", "rejects_file"])
                    .filter { canonical(cli[$0]) != canonical(summary[$0]) }.sorted()
                #expect(differing.isEmpty, "the summaries differ in \(differing)")
                // Byte for byte (a BOM, so that Excel reads it as UTF-8, included).
                #expect(try Data(contentsOf: cliRejects) == apiRejects, "the rejects files differ")
                let api = try RegisterSnapshot(fixture.db, .content), command = try RegisterSnapshot(twin, .content)
                #expect(api.differences(from: command).isEmpty, "API \(api) vs CLI \(command)")
            }
        }
    }

    /// A note typed over two lines (Alt+Enter: a quoted cell over two lines) is data through the
    /// API as through the command.
    @Test func aCellOverTwoLinesIsImportedThroughTheAPI() async throws {
        try await ServerFixture.with { fixture in
            let rows = [ServerFixture.learnerHeader + ["Ghi chú"],
                        ["Phạm Văn\nĐông", "019095000951", "01/01/1995", "Nam", "", "Đại Từ", "TT01-A", Cascade.instructor(0),
                         "01/06/2025", "", "", "", "ghi chú\r\nhai dòng"]]
            let body = ByteBuffer(string: Fixtures.csv(rows, delimiter: ";", lineEnding: "\r\n"))
            try await fixture.test { client in
                let url = try await fixture.submit(client, "/api/v1/imports/learners?file_name=ghi-chu.csv", as: "tt01", body: body)
                let job = try await fixture.finished(client, job: url, as: "tt01")
                let summary = try #require(job["summary"] as? [String: Any], "\(job)")
                #expect(summary["accepted"] as? Int == 1)
                #expect(summary["rejected"] as? Int == 0, "\(summary["rejects"] ?? "")")
            }
            #expect(try fixture.db.query("SELECT full_name FROM people WHERE national_id = '019095000951'").scalar(String.self) == "Phạm Văn Đông")
        }
    }

    /// A dry run checks and returns the rejects and writes nothing; all-or-nothing writes
    /// nothing when a row is rejected.
    @Test func dryRunAndAllOrNothingWriteNothing() async throws {
        try await ServerFixture.with { fixture in
            let roster = try fixture.fixtures.sample("hoc-vien.csv", kind: .learners, rows: 200, messy: 0.2).url
            let body = ByteBuffer(bytes: try Data(contentsOf: roster))
            let before = try RegisterSnapshot(fixture.db)
            try await fixture.test { client in
                for option in ["dry_run=true", "all_or_nothing=true"] {
                    let url = try await fixture.submit(client, "/api/v1/imports/learners?\(option)", as: "tt01", body: body)
                    let job = try await fixture.finished(client, job: url, as: "tt01")
                    let summary = try #require(job["summary"] as? [String: Any], "\(job)")
                    #expect(summary["committed"] as? Bool == false, "\(option)")
                    #expect(summary["rejected"] as? Int ?? 0 > 0)
                    #expect(job["rejects_url"] != nil)
                }
            }
            let changed = try RegisterSnapshot(fixture.db).differences(from: before)
            #expect(Set(changed).isSubset(of: ["import_jobs", "import_batches", "audit_log"]), "\(changed)")
            #expect(try RegisterSnapshot(fixture.db).people == before.people)
        }
    }

    /// Past the upload limit: 413, whether the client says the length or streams it, and no
    /// file, job or batch is left behind.
    @Test func anUploadPastTheLimitIs413AndLeavesNothing() async throws {
        try await ServerFixture.with(configure: { $0.uploadLimit = 64 << 10 }) { fixture in
            let roster = try fixture.fixtures.sample("lon.csv", kind: .learners, rows: 2000).url
            let data = try Data(contentsOf: roster)
            #expect(data.count > 64 << 10)
            let before = try RegisterSnapshot(fixture.db)
            try await fixture.test { client in
                let response = try await client.execute(uri: "/api/v1/imports/learners", method: .post,
                                                        headers: fixture.headers("tt01", [.contentType: "text/csv"]), body: ByteBuffer(bytes: data))
                #expect(response.status == .contentTooLarge)
                #expect(response.json["code"] as? String == "request.too_large")
                #expect((response.json["detail"] as? String)?.contains("64 KiB") == true)
            }
            let live = try await LiveServer(database: fixture.name, dataDirectory: fixture.fixtures.url("live"),
                                            environment: ["HOCAI_UPLOAD_LIMIT": String(64 << 10)])
            // Chunked: no length announced, refused once the limit is passed.
            var headers = fixture.headers("tt01", [.contentType: "text/csv"])
            headers[.transferEncoding] = "chunked"
            let chunked = try await live.request("/api/v1/imports/learners", method: .post, headers: headers, body: ByteBuffer(bytes: data))
            #expect(chunked.status == .contentTooLarge)
            #expect(try RegisterSnapshot(fixture.db).differences(from: before).isEmpty)
            let uploads = (try? FileManager.default.contentsOfDirectory(atPath: fixture.fixtures.url("live/uploads").path)) ?? []
            #expect(uploads.isEmpty, "\(uploads)")
            try await live.stop(SIGTERM)
        }
    }

    /// A job's progress: rows read of the file while it runs; imports run at most `workers` at
    /// once, the rest wait queued.
    @Test func jobsQueueBehindTheWorkersAndShowTheirProgress() async throws {
        let holdKey: Int64 = 515_151
        try await ServerFixture.with(configure: { $0.importWorkers = 1; $0.testHold = (.merging, holdKey) }) { fixture in
            try fixture.db.query("SELECT pg_advisory_lock(\(holdKey))")
            let first = try fixture.fixtures.sample("a.csv", kind: .learners, rows: 300).url
            let second = try fixture.fixtures.sample("b.csv", kind: .learners, rows: 300, seed: 7, center: "TT01").url
            try await fixture.test { client in
                let a = try await fixture.submit(client, "/api/v1/imports/learners", as: "tt01", body: ByteBuffer(bytes: try Data(contentsOf: first)))
                try await waitFor("the first import to hold before merging") { try AdvisoryLock.seen(holdKey, granted: false, on: fixture.db) }
                let b = try await fixture.submit(client, "/api/v1/imports/learners?force=true", as: "tt01",
                                                 body: ByteBuffer(bytes: try Data(contentsOf: second)))
                let running = try await client.execute(uri: a, method: .get, headers: fixture.headers("tt01")).json
                #expect(running["status"] as? String == "running")
                let progress = try #require(running["progress"] as? [String: Any])
                #expect(progress["rows"] as? Int == 300)
                #expect(progress["percent"] as? Int == 100)
                #expect(try await client.execute(uri: b, method: .get, headers: fixture.headers("tt01")).json["status"] as? String == "queued")
                try fixture.db.query("SELECT pg_advisory_unlock(\(holdKey))")
                #expect(try await fixture.finished(client, job: a, as: "tt01")["status"] as? String == "done")
                #expect(try await fixture.finished(client, job: b, as: "tt01")["status"] as? String == "done")
            }
        }
    }
}

/// A JSON object carried out of a `@Sendable` closure (read only afterwards).
struct JSONBox: @unchecked Sendable {
    let value: [String: Any]
    init(_ value: [String: Any]) { self.value = value }
}
