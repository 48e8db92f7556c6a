import Foundation
import HocAI
import HocAITestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// `hocai serve --read-database-url` with a real hot standby of the test cluster (streaming
/// replication, `scripts/db standby`): verify and the report are read there, every write goes to
/// the primary, and a server left with only the standby refuses writes and still verifies.
/// Serialized: the first test pauses the standby's replay.
@Suite(.serialized, .hangGuard)
struct StandbyTests {
    @Test func verifyAndTheReportReadTheStandbyAndSeeARevocationOnceReplayed() async throws {
        try await ServerFixture.with { fixture in
            try await TestStandby.waitForReplay(of: fixture.db)
            let code = try fixture.certificateCode()
            let readURL = try TestStandby.databaseURL(for: fixture.name) + " user=hocai_server"
            let server = try await LiveServer(database: fixture.name, dataDirectory: fixture.fixtures.url("live"),
                                              environment: ["HOCAI_READ_DATABASE_URL": readURL])
            #expect(try await server.request("/readyz").json["status"] as? String == "ready")
            // As of today: the revocation, dated today, counts in it.
            let report = "/api/v1/report?by=center&format=csv"
            let figures = try await server.request(report, headers: fixture.headers("official")).text
            #expect(try await server.request("/api/v1/certificates/\(code)").json["status"] as? String == "valid")

            // The standby stops replaying: the revocation, written on the primary, is not there yet.
            try await TestStandby.pauseReplay()
            do {
                let revoked = try await server.request(
                    "/api/v1/certificates/\(code)/revocation", method: .post,
                    headers: fixture.headers("admin", [.contentType: "application/json"]), body: ServerFixture.body(["reason": "Cấp nhầm lớp"]))
                #expect(revoked.status == .ok, "\(revoked.text)")
                #expect(try fixture.db.query("SELECT revoked FROM certificates WHERE code = \(code)").scalar(Bool.self))
                #expect(try await server.request("/api/v1/certificates/\(code)").json["status"] as? String == "valid",
                        "verify reads the standby, which has not replayed the revocation")
                #expect(try await server.request(report, headers: fixture.headers("official")).text == figures)
            } catch {
                try TestStandby.resumeReplay()
                throw error
            }
            try TestStandby.resumeReplay()

            // Once the standby has replayed the primary, verify and the report show it.
            try await TestStandby.waitForReplay(of: fixture.db)
            #expect(try await server.request("/api/v1/certificates/\(code)").json["status"] as? String == "revoked")
            let after = try await server.request(report, headers: fixture.headers("official")).text
            #expect(after != figures, "the revoked learner no longer counts")
            let primary = try await fixture.test { client in
                try await client.execute(uri: report, method: .get, headers: fixture.headers("official")).body
            }
            #expect(after == String(buffer: primary), "the standby's report is the primary's")
            #expect(try await server.stop(SIGTERM) == 0)
        }
    }

    /// The primary is down and the servers were pointed at the standby: verify still answers;
    /// every write is refused with a clear error (503 `database.read_only`), and nothing reaches
    /// the register.
    @Test func aServerWithOnlyTheStandbyRefusesWritesAndStillVerifies() async throws {
        try await ServerFixture.with { fixture in
            try await TestStandby.waitForReplay(of: fixture.db)
            let code = try fixture.certificateCode()
            let before = try RegisterSnapshot(fixture.db)
            let server = try await LiveServer(database: fixture.name, dataDirectory: fixture.fixtures.url("live"),
                                              databaseURL: try TestStandby.databaseURL(for: fixture.name) + " user=hocai_server")
            try await server.waitForOutput("the database is read-only")
            let ready = try await server.request("/readyz").json
            #expect(ready["status"] as? String == "ready" && ready["read_only"] as? Bool == true, "\(ready)")
            #expect(try await server.request("/api/v1/certificates/\(code)").json["status"] as? String == "valid")

            let revoked = try await server.request(
                "/api/v1/certificates/\(code)/revocation", method: .post,
                headers: fixture.headers("admin", [.contentType: "application/json", .acceptLanguage: "en"]),
                body: ServerFixture.body(["reason": "Cấp nhầm lớp"]))
            #expect(revoked.status == .serviceUnavailable)
            #expect(revoked.json["code"] as? String == "database.read_only")
            #expect((revoked.json["detail"] as? String)?.contains("nothing was written") == true, "\(revoked.text)")
            let roster = try fixture.fixtures.sample("hoc-vien.csv", kind: .learners, rows: 20).url
            let imported = try await server.request(
                "/api/v1/imports/learners", method: .post, headers: fixture.headers("tt01", [.contentType: "text/csv"]),
                body: ByteBuffer(bytes: try Data(contentsOf: roster)))
            #expect(imported.status == .serviceUnavailable)
            #expect(imported.json["code"] as? String == "database.read_only", "\(imported.text)")
            #expect(!server.output.contains("SQLSTATE") && !server.output.contains("PostgresError"), "\(server.output)")
            #expect(try RegisterSnapshot(fixture.db) == before)
            #expect(try await server.stop(SIGTERM) == 0)
        }
    }
}
