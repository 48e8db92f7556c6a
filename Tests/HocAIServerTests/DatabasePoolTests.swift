import Foundation
import HocAI
@testable import HocAIServer
import HocAITestSupport
import Hummingbird
import HummingbirdTesting
import Logging
import PostgresLibPQ
import Testing

/// The pool under a real socket: a client that hangs up has its statement cancelled, and a
/// request that cannot get a connection in time is told the server is busy.
@Suite(.serialized, .hangGuard)
struct DatabasePoolTests {
    /// A router with one slow route, over the fixture's database and a pool of `size`.
    private static func slowServer(
        _ fixture: ServerFixture, size: Int, acquireTimeout: Duration, metrics: ServerMetrics = ServerMetrics()
    ) -> (DatabasePool, some ApplicationProtocol) {
        let pool = DatabasePool(configuration: .init(
            connectionString: fixture.server.configuration.databaseURL, size: size, acquireTimeout: acquireTimeout,
            applicationName: "hocai-pool-test"), logger: TestDatabase.logger)
        let router = Router(context: HocAIContext.self)
        router.add(middleware: RequestLogMiddleware(logger: TestDatabase.logger, metrics: metrics, trustProxy: false, secureCookies: false))
        router.get("/slow") { _, context in
            try await pool.withConnection(scope: .signingIn, client: context.channel) { connection in
                try connection.query("SELECT pg_sleep(60)")
            }
            return "slept"
        }
        router.get("/quick") { _, context in
            try await pool.withConnection(scope: .signingIn, client: context.channel) { connection in
                try connection.query("SELECT 1").scalar(Int.self)
            }
            return "quick"
        }
        let app = Application(router: router, server: HocAIServer.http, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              services: [PoolCloser(pools: [pool])], logger: TestDatabase.logger)
        return (pool, app)
    }

    private static func sleeping(_ db: PostgresConnection) throws -> Int {
        try db.query("""
            SELECT count(*) FROM pg_stat_activity
            WHERE application_name = 'hocai-pool-test' AND state = 'active' AND query LIKE 'SELECT pg_sleep%'
            """).scalar(Int.self)
    }

    @Test func aClientThatHangsUpHasItsStatementCancelled() async throws {
        try await ServerFixture.with { fixture in
            let metrics = ServerMetrics()
            let (_, app) = Self.slowServer(fixture, size: 1, acquireTimeout: .seconds(10), metrics: metrics)
            try await app.test(.live) { client in
                let port = try #require(client.port)
                let hangingUp = TestClient(host: "127.0.0.1", port: port)
                hangingUp.connect()
                let request = Task { try await hangingUp.get("/slow") }
                try await waitFor("the slow statement to run") { try Self.sleeping(fixture.db) == 1 }
                try await hangingUp.shutdown()
                _ = await request.result
                // Cancelled long before its 60 seconds, and the one connection is free again.
                try await waitFor("the statement to be cancelled", timeout: .seconds(20)) { try Self.sleeping(fixture.db) == 0 }
                let quick = try await client.execute(uri: "/quick", method: .get)
                #expect(quick.status == .ok)
                #expect(String(buffer: quick.body) == "quick")
                // Counted as the client's doing (499), never as a server error.
                let slow = #"route="/slow",status="#
                try await waitFor("the abandoned request to be counted") {
                    String(decoding: await metrics.exposition(pools: [], jobs: nil), as: UTF8.self).contains(slow + #""499"}"#)
                }
                #expect(!String(decoding: await metrics.exposition(pools: [], jobs: nil), as: UTF8.self).contains(slow + #""500"}"#))
            }
        }
    }

    @Test func aRequestThatCannotGetAConnectionInTimeIsToldTheServerIsBusy() async throws {
        try await ServerFixture.with { fixture in
            let (_, app) = Self.slowServer(fixture, size: 1, acquireTimeout: .milliseconds(300))
            try await app.test(.live) { client in
                let port = try #require(client.port)
                let holding = TestClient(host: "127.0.0.1", port: port)
                holding.connect()
                let request = Task { try await holding.get("/slow") }
                try await waitFor("the slow statement to run") { try Self.sleeping(fixture.db) == 1 }
                let busy = try await client.execute(uri: "/quick", method: .get, headers: [.acceptLanguage: "en", .accept: "application/json"])
                #expect(busy.status == .serviceUnavailable)
                #expect(busy.headers[.contentType]?.hasPrefix("application/problem+json") == true)
                #expect(String(buffer: busy.body).contains("\"code\":\"service.busy\""))
                try await holding.shutdown()
                _ = await request.result
                try await waitFor("the slow statement to be cancelled", timeout: .seconds(20)) { try Self.sleeping(fixture.db) == 0 }
            }
        }
    }

    /// Cancelled between statements, a piece of work sends no further statement, and its
    /// transaction is rolled back.
    @Test func cancelledWorkStopsBetweenStatementsAndRollsBack() async throws {
        try await ServerFixture.with { fixture async throws in
            let pool = DatabasePool(configuration: .init(connectionString: fixture.server.configuration.databaseURL, size: 1),
                                    logger: TestDatabase.logger)
            let started = AsyncStream<Void>.makeStream()
            let release = AsyncStream<Void>.makeStream()
            let work = Task {
                try await pool.withConnection(scope: DatabaseScope(role: .admin, actor: "test")) { connection in
                    try connection.transaction { connection in
                        try connection.query("INSERT INTO audit_log (action, subject) VALUES ('test.first', 'x')")
                        started.continuation.yield()
                        // Waits (outside any statement) until the test has cancelled the task.
                        let semaphore = DispatchSemaphore(value: 0)
                        Task { for await _ in release.stream { semaphore.signal(); break } }
                        semaphore.wait()
                        try connection.query("INSERT INTO audit_log (action, subject) VALUES ('test.second', 'x')")
                    }
                }
            }
            for await _ in started.stream { break }
            work.cancel()
            release.continuation.yield()
            let result = await work.result
            #expect(throws: PostgresError.self) { try result.get() }
            #expect(try fixture.db.query("SELECT count(*) FROM audit_log WHERE action LIKE 'test.%'").scalar(Int.self) == 0)
            // The pool's connection is usable again.
            #expect(try await pool.withConnection(scope: nil) { try $0.query("SELECT 2").scalar(Int.self) } == 2)
            await pool.shutdown()
        }
    }
}
