import Foundation
import HocAI
import HocAITestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// Two `hocai serve` processes on one database, as behind a reverse proxy (sql/016): a job is
/// the server's that accepted it, any server shows it and its rejects, a server restarting
/// leaves the other's running import alone, and a killed server's job is failed by the other
/// once its lease runs out, the database unchanged.
@Suite(.serialized, .hangGuard)
struct SeveralServersTests {
    /// The import holds before its commit while a test holds this advisory lock.
    static let holdKey: Int64 = 747_474
    /// Short leases, so that a dead server's jobs are found within seconds.
    static let environment = ["HOCAI_JOB_LEASE": "2", "HOCAI_TEST_HOLD": "commit:\(holdKey)"]

    @Test func anImportThroughOneServerFinishesWhileTheOtherRestarts() async throws {
        try await ServerFixture.with { fixture in
            let roster = try fixture.fixtures.sample("hoc-vien.csv", kind: .learners, rows: 600, messy: 0.03).url
            let holder = try TestDatabase.connect(database: fixture.name)
            defer { holder.close() }
            try holder.query("SELECT pg_advisory_lock(\(Self.holdKey))")
            let a = try await LiveServer(database: fixture.name, dataDirectory: fixture.fixtures.url("a"), environment: Self.environment)
            var b = try await LiveServer(database: fixture.name, dataDirectory: fixture.fixtures.url("b"), environment: Self.environment)
            let job = try await fixture.submit(a, "/api/v1/imports/learners?file_name=hoc-vien.csv", as: "tt01",
                                               body: ByteBuffer(bytes: try Data(contentsOf: roster)))
            try await waitFor("the import to hold before its commit") { try AdvisoryLock.seen(Self.holdKey, granted: false, on: fixture.db) }
            // The other server shows the job as running, with how far it read (from the register).
            let seen = try await b.request(job, headers: fixture.headers("tt01")).json
            #expect(seen["status"] as? String == "running")
            try await waitFor("the running job's progress to reach the register") {
                (try await b.request(job, headers: fixture.headers("tt01")).json["progress"] as? [String: Any])?["rows"] as? Int ?? 0 > 0
            }
            // B restarts after the job's lease has run out: the running import holds its row, so
            // B's check at start leaves it alone.
            #expect(try await b.stop(SIGTERM) == 0)
            try await waitFor("the running job's lease to run out") {
                try fixture.db.query("SELECT lease_until < now() FROM import_jobs").scalar(Bool.self)
            }
            b = try await LiveServer(database: fixture.name, dataDirectory: fixture.fixtures.url("b"), environment: Self.environment)
            try await b.waitForOutput("import jobs left by stopped servers checked")
            #expect(try await b.request(job, headers: fixture.headers("tt01")).json["status"] as? String == "running")
            try holder.query("SELECT pg_advisory_unlock(\(Self.holdKey))")
            let done = try await fixture.finished(b, job: job, as: "tt01")
            #expect(done["status"] as? String == "done", "\(done)")
            let summary = try #require(done["summary"] as? [String: Any])
            #expect(summary["rejected"] as? Int ?? 0 > 10, "the file has defects to return")
            // Its rejects, written by A, are downloaded from B: the same bytes the command writes.
            let rejects = try await b.request(job + "/rejects", headers: fixture.headers("tt01"))
            #expect(rejects.status == .ok)
            let cliRejects = fixture.fixtures.url("cli.rejects.csv")
            try TestDatabase.withDatabase { twin, name in
                _ = try ServerFixture.prepareRegister(twin, fixtures: fixture.fixtures)
                let run = try HocAIProcess.run(["import", "learners", roster.path, "--center", "TT01", "--rejects", cliRejects.path],
                                               databaseURL: try TestDatabase.databaseURL(for: name))
                #expect(run.status == 3, "some rows rejected: \(run.stderr)")
            }
            #expect(rejects.body.map { Data(buffer: $0) } == (try Data(contentsOf: cliRejects)))
            #expect(try await a.stop(SIGTERM) == 0)
            #expect(try await b.stop(SIGTERM) == 0)
        }
    }

    /// An account disabled through one server, or a token revoked, is refused by every server
    /// at the very next request: no server keeps a sign-in it would have to be told about.
    @Test func aDisabledAccountOrARevokedTokenIsRefusedAtOnceByEveryServer() async throws {
        try await ServerFixture.with { fixture in
            let a = try await LiveServer(database: fixture.name, dataDirectory: fixture.fixtures.url("a"))
            let b = try await LiveServer(database: fixture.name, dataDirectory: fixture.fixtures.url("b"))
            for server in [a, b] {
                #expect(try await server.request("/api/v1/me", headers: fixture.headers("tt01")).status == .ok)
                #expect(try await server.request("/api/v1/me", headers: fixture.headers("gv0")).status == .ok)
            }
            let disabled = try await a.request("/api/v1/accounts/tt01/disable", method: .post, headers: fixture.headers("admin"))
            #expect(disabled.status == .ok || disabled.status == .noContent, "\(disabled.text)")
            let revoked = try await b.request("/api/v1/accounts/gv0/tokens", method: .delete, headers: fixture.headers("admin"))
            #expect(revoked.status == .ok || revoked.status == .noContent, "\(revoked.text)")
            for server in [b, a] {
                #expect(try await server.request("/api/v1/me", headers: fixture.headers("tt01")).status == .unauthorized)
                #expect(try await server.request("/api/v1/me", headers: fixture.headers("gv0")).status == .unauthorized)
                #expect(try await server.request("/api/v1/me", headers: fixture.headers("official")).status == .ok)
            }
            #expect(try await a.stop(SIGTERM) == 0)
            #expect(try await b.stop(SIGTERM) == 0)
        }
    }

    @Test func aKilledServersImportIsFailedByTheOtherAndTheDatabaseIsAsItWas() async throws {
        try await ServerFixture.with { fixture in
            let roster = try fixture.fixtures.sample("hoc-vien.csv", kind: .learners, rows: 2000).url
            let body = ByteBuffer(bytes: try Data(contentsOf: roster))
            let holder = try TestDatabase.connect(database: fixture.name)
            defer { holder.close() }
            try holder.query("SELECT pg_advisory_lock(\(Self.holdKey))")
            let before = try RegisterSnapshot(fixture.db)
            let a = try await LiveServer(database: fixture.name, dataDirectory: fixture.fixtures.url("a"), environment: Self.environment)
            let b = try await LiveServer(database: fixture.name, dataDirectory: fixture.fixtures.url("b"), environment: Self.environment)
            let job = try await fixture.submit(a, "/api/v1/imports/learners", as: "tt01", body: body)
            // Every row is written, uncommitted, when the server dies.
            try await waitFor("the import to hold before its commit") { try AdvisoryLock.seen(Self.holdKey, granted: false, on: fixture.db) }
            try await a.stop(SIGKILL)
            try holder.query("SELECT pg_advisory_unlock(\(Self.holdKey))")
            // B finds the job abandoned once A's lease has run out and its transaction is gone.
            let failed = try await fixture.finished(b, job: job, as: "tt01")
            #expect(failed["status"] as? String == "failed")
            #expect((failed["error"] as? [String: Any])?["code"] as? String == "service.restarted")
            try await b.waitForOutput("imports left by a stopped server marked failed")
            // Only the job's own records show it was sent.
            #expect(try RegisterSnapshot(fixture.db).differences(from: before) == ["import_jobs"])
            // Sending the file again, to B, works.
            let again = try await fixture.submit(b, "/api/v1/imports/learners", as: "tt01", body: body)
            let done = try await fixture.finished(b, job: again, as: "tt01")
            #expect((done["summary"] as? [String: Any])?["accepted"] as? Int == 2000, "\(done)")
            #expect(try RegisterSnapshot(fixture.db).people == before.people + 2000)
            #expect(try await b.stop(SIGTERM) == 0)
        }
    }
}
