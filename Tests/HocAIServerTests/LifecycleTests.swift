import Foundation
import HocAI
import HocAITestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// `hocai serve` stopped in the middle of an import, as a process: killed, the database is as it
/// was and the job shows as failed after a restart; told to stop, the import finishes, or is
/// rolled back when it cannot finish in time.
@Suite(.serialized, .hangGuard)
struct LifecycleTests {
    /// The import holds before its commit while a test holds this advisory lock.
    static let holdKey: Int64 = 737_373

    @Test func aServerKilledDuringAnImportLeavesTheDatabaseAsItWas() async throws {
        try await ServerFixture.with { fixture in
            let roster = try fixture.fixtures.sample("hoc-vien.csv", kind: .learners, rows: 2000).url
            let body = ByteBuffer(bytes: try Data(contentsOf: roster))
            let holder = try TestDatabase.connect(database: fixture.name)
            defer { holder.close() }
            try holder.query("SELECT pg_advisory_lock(\(Self.holdKey))")
            let before = try RegisterSnapshot(fixture.db)
            let data = fixture.fixtures.url("live")
            let first = try await LiveServer(database: fixture.name, dataDirectory: data,
                                             environment: ["HOCAI_TEST_HOLD": "commit:\(Self.holdKey)"])
            let job = try await fixture.submit(first, "/api/v1/imports/learners", as: "tt01", body: body)
            // Every row is written, uncommitted, when the server dies.
            try await waitFor("the import to hold before its commit") {
                try AdvisoryLock.seen(Self.holdKey, granted: false, on: fixture.db)
            }
            try await first.stop(SIGKILL)
            try holder.query("SELECT pg_advisory_unlock(\(Self.holdKey))")
            try await waitFor("the killed server's sessions to end") {
                try fixture.db.query("""
                    SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND usename = 'hocai_server'
                    """).scalar(Int.self) == 0
            }
            // Only the job's own record shows it was sent.
            #expect(try RegisterSnapshot(fixture.db).differences(from: before) == ["import_jobs"])
            let second = try await LiveServer(database: fixture.name, dataDirectory: data)
            let failed = try await second.request(job, headers: fixture.headers("tt01")).json
            #expect(failed["status"] as? String == "failed")
            #expect((failed["error"] as? [String: Any])?["code"] as? String == "service.restarted")
            // Sending the file again works.
            let again = try await fixture.submit(second, "/api/v1/imports/learners", as: "tt01", body: body)
            let done = try await fixture.finished(second, job: again, as: "tt01")
            #expect((done["summary"] as? [String: Any])?["accepted"] as? Int == 2000)
            #expect(try RegisterSnapshot(fixture.db).people == before.people + 2000)
            #expect(try await second.stop(SIGTERM) == 0)
        }
    }

    /// SIGTERM during an import: the server stops taking requests, the import finishes and is
    /// recorded, then the process exits 0.
    @Test func aGracefulStopLetsARunningImportFinish() async throws {
        try await ServerFixture.with { fixture in
            let roster = try fixture.fixtures.sample("hoc-vien.csv", kind: .learners, rows: 500).url
            let holder = try TestDatabase.connect(database: fixture.name)
            defer { holder.close() }
            try holder.query("SELECT pg_advisory_lock(\(Self.holdKey))")
            let before = try RegisterSnapshot(fixture.db)
            let server = try await LiveServer(database: fixture.name, dataDirectory: fixture.fixtures.url("live"),
                                              environment: ["HOCAI_TEST_HOLD": "merging:\(Self.holdKey)"])
            _ = try await fixture.submit(server, "/api/v1/imports/learners", as: "tt01", body: ByteBuffer(bytes: try Data(contentsOf: roster)))
            try await waitFor("the import to hold before merging") { try AdvisoryLock.seen(Self.holdKey, granted: false, on: fixture.db) }
            kill(server.process.processIdentifier, SIGTERM)
            // Still running, waiting for the import; then it is let go.
            try await waitFor("the server to stop listening") { (try? await server.request("/healthz")) == nil }
            #expect(server.process.isRunning)
            try holder.query("SELECT pg_advisory_unlock(\(Self.holdKey))")
            #expect(try await server.stop(SIGTERM) == 0, "\(server.output)")
            #expect(try RegisterSnapshot(fixture.db).people == before.people + 500)
            #expect(try fixture.db.query("SELECT status FROM import_jobs").scalar(String.self) == "done")
        }
    }

    /// SIGTERM, and the import cannot finish within the shutdown timeout: it is cancelled and
    /// rolled back, and its job recorded as failed.
    @Test func aGracefulStopRollsBackAnImportThatCannotFinishInTime() async throws {
        try await ServerFixture.with { fixture in
            let roster = try fixture.fixtures.sample("hoc-vien.csv", kind: .learners, rows: 500).url
            let holder = try TestDatabase.connect(database: fixture.name)
            defer { holder.close() }
            try holder.query("SELECT pg_advisory_lock(\(Self.holdKey))")
            let before = try RegisterSnapshot(fixture.db)
            let server = try await LiveServer(database: fixture.name, dataDirectory: fixture.fixtures.url("live"),
                                              environment: ["HOCAI_TEST_HOLD": "commit:\(Self.holdKey)", "HOCAI_SHUTDOWN_TIMEOUT": "1"])
            _ = try await fixture.submit(server, "/api/v1/imports/learners", as: "tt01", body: ByteBuffer(bytes: try Data(contentsOf: roster)))
            try await waitFor("the import to hold before its commit") { try AdvisoryLock.seen(Self.holdKey, granted: false, on: fixture.db) }
            #expect(try await server.stop(SIGTERM) == 0, "\(server.output)")
            // The lock is still held: the import did not finish, it was cancelled.
            #expect(try fixture.db.query("SELECT status || ' ' || coalesce(error->>'code', '-') FROM import_jobs").scalar(String.self)
                == "failed service.stopped")
            #expect(try RegisterSnapshot(fixture.db).differences(from: before) == ["import_jobs"])
        }
    }
}
