import Foundation
import HocAI
import HocAITestSupport
import Hummingbird
import HummingbirdTesting
import PostgresLibPQ
import Testing

/// `hocai serve` told to stop in the middle of an import, as a process: the import finishes, or
/// is rolled back when it cannot finish in time. (Killed: `SeveralServersTests`.)
@Suite(.serialized, .hangGuard)
struct LifecycleTests {
    /// The import holds before its commit while a test holds this advisory lock.
    static let holdKey: Int64 = 737_373

    /// A server as a process whose import of 500 learners for TT01 holds at `point` (`merging`,
    /// `commit`) while `holder` keeps the advisory lock; returned once the import is seen waiting.
    private static func serverWithAHeldImport(
        _ fixture: ServerFixture, holder: PostgresConnection, at point: String, environment: [String: String] = [:]
    ) async throws -> LiveServer {
        let roster = try fixture.fixtures.sample("hoc-vien.csv", kind: .learners, rows: 500).url
        try holder.query("SELECT pg_advisory_lock(\(holdKey))")
        let server = try await LiveServer(database: fixture.name, dataDirectory: fixture.fixtures.url("live"),
                                          environment: environment.merging(["HOCAI_TEST_HOLD": "\(point):\(holdKey)"]) { $1 })
        _ = try await fixture.submit(server, "/api/v1/imports/learners", as: "tt01", body: ByteBuffer(bytes: try Data(contentsOf: roster)))
        try await waitFor("the import to hold at \(point)") { try AdvisoryLock.seen(holdKey, granted: false, on: fixture.db) }
        return server
    }

    /// SIGTERM during an import: the server stops taking requests, the import finishes and is
    /// recorded, then the process exits 0.
    @Test func aGracefulStopLetsARunningImportFinish() async throws {
        try await ServerFixture.with { fixture in
            let holder = try TestDatabase.connect(database: fixture.name)
            defer { holder.close() }
            let before = try RegisterSnapshot(fixture.db)
            let server = try await Self.serverWithAHeldImport(fixture, holder: holder, at: "merging")
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
            let holder = try TestDatabase.connect(database: fixture.name)
            defer { holder.close() }
            let before = try RegisterSnapshot(fixture.db)
            let server = try await Self.serverWithAHeldImport(fixture, holder: holder, at: "commit", environment: ["HOCAI_SHUTDOWN_TIMEOUT": "1"])
            #expect(try await server.stop(SIGTERM) == 0, "\(server.output)")
            // The lock is still held: the import did not finish, it was cancelled.
            #expect(try fixture.db.query("SELECT status || ' ' || coalesce(error->>'code', '-') FROM import_jobs").scalar(String.self)
                == "failed service.stopped")
            #expect(try RegisterSnapshot(fixture.db).differences(from: before) == ["import_jobs"])
        }
    }
}
