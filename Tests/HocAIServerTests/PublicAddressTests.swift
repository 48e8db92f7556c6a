import Foundation
import HocAI
import HocAITestSupport
import Testing

/// One public address for the command line and every server (issue: green on any machine, §4):
/// kept in the register, set with `hocai public-url`; a server told another refuses to start.
@Suite(.hangGuard)
struct PublicAddressTests {
    @Test func theAddressIsSetOnceAndAServerToldAnotherRefusesToStart() async throws {
        try await ServerFixture.with { fixture in
            let owner = try TestDatabase.databaseURL(for: fixture.name)
            let shown = try HocAIProcess.run(["public-url"], databaseURL: owner)
            #expect(shown.status == 0)
            #expect(shown.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == fixture.server.configuration.publicURL)

            for bad in ["ftp://hocai.vn", "https://hocai.vn/?x=1", "hocai.vn", "https://", "https://hocai.vn#a"] {
                let refused = try HocAIProcess.run(["public-url", bad, "--lang", "en"], databaseURL: owner)
                #expect(refused.status == 1, "\(bad)")
                #expect(refused.stderr.contains("is not valid"), "\(bad): \(refused.stderr)")
            }
            let set = try HocAIProcess.run(["public-url", "https://hocai.thainguyen.gov.vn/"], databaseURL: owner)
            #expect(set.status == 0, "\(set.stderr)")
            #expect(try PublicAddress.read(from: fixture.db) == "https://hocai.thainguyen.gov.vn")
            #expect(try fixture.db.query("SELECT count(*) FROM audit_log WHERE action = 'publication.public_url'").scalar(Int.self) >= 1)

            // A server given another address exits at once with a message that says what to do,
            // before it listens.
            let server = owner + " user=hocai_server"
            let port = try freeLoopbackPort()
            let other = try HocAIProcess.run(
                ["serve", "--bind", "127.0.0.1:\(port)", "--public-url", "http://127.0.0.1:\(port)", "--lang", "en"], databaseURL: server)
            #expect(other.status == 1)
            #expect(other.stderr.contains("publishes credentials at https://hocai.thainguyen.gov.vn"), "\(other.stderr)")
            #expect(!other.stderr.contains("listening"))
            let fromEnvironment = try HocAIProcess.run(["serve", "--bind", "127.0.0.1:\(port)"], databaseURL: server,
                                                       environment: ["HOCAI_PUBLIC_URL": "https://hocai.example.vn"])
            #expect(fromEnvironment.status == 1, "HOCAI_PUBLIC_URL is checked the same way")

            // Told the same address, it starts (LiveServer sets the register's to the server's own);
            // a change made while it runs shows in /readyz until it restarts.
            let live = try await LiveServer(database: fixture.name, dataDirectory: fixture.fixtures.url("live"), publishing: true)
            #expect(try await live.request("/readyz").status == .ok)
            try PublicAddress.set("https://hocai.example.vn", on: fixture.db)
            let stale = try await live.request("/readyz")
            #expect(stale.status == .serviceUnavailable)
            #expect(String(buffer: stale.content).contains("public_url"))
            try await live.stop(SIGTERM)
        }
    }
}
