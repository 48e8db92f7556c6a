import Foundation
import HocAI
import HocAITestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// `GET /metrics`: Prometheus's text format, for a scraper on the server's host or an
/// administrator, labelled by route template (never a path's values).
@Suite(.hangGuard)
struct MetricsTests {
    @Test func requestsPoolsAndImportsAreCountedForTheHostAndAdministrators() async throws {
        try await ServerFixture.with { fixture in
            let code = try fixture.certificateCode()
            let roster = try fixture.fixtures.sample("hoc-vien.csv", kind: .learners, rows: 120).url
            try await fixture.test { client in
                #expect(try await client.execute(uri: "/api/v1/certificates/\(code)", method: .get).status == .ok)
                #expect(try await client.execute(uri: "/v/NOT-A-CODE", method: .get, headers: [.accept: "application/json"]).status != .ok)
                let job = try await fixture.submit(client, "/api/v1/imports/learners", as: "tt01", body: ByteBuffer(bytes: try Data(contentsOf: roster)))
                #expect(try await fixture.finished(client, job: job, as: "tt01")["status"] as? String == "done")

                // In process a request comes from no address on this host: only an administrator.
                #expect(try await client.execute(uri: "/metrics", method: .get).status == .unauthorized)
                #expect(try await client.execute(uri: "/metrics", method: .get, headers: fixture.headers("official")).status == .forbidden)
                let metrics = try await client.execute(uri: "/metrics", method: .get, headers: fixture.headers("admin"))
                #expect(metrics.status == .ok)
                #expect(metrics.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                let text = metrics.text
                #expect(text.contains(#"hocai_http_requests_total{method="GET",route="/api/v1/certificates/{code}",status="200"} 1"#), "\(text)")
                #expect(text.contains(#"hocai_http_request_duration_seconds_count{method="GET",route="/api/v1/certificates/{code}"} 1"#))
                #expect(text.contains(#"hocai_http_requests_total{method="GET",route="/metrics",status="401"} 1"#))
                #expect(text.contains(#"hocai_import_rows_total 120"#), "every row read is counted once")
                #expect(text.contains(#"hocai_import_jobs_finished_total{outcome="done"} 1"#))
                #expect(text.contains(#"hocai_import_jobs{status="running"} 0"#))
                #expect(text.contains(#"hocai_pool_connections_in_use{pool="primary"}"#))
                #expect(text.contains(#"hocai_pool_requests_waiting{pool="public"} 0"#))
                // Templates, not values: no certificate code, no CCCD.
                #expect(!text.contains(code) && !text.contains("NOT-A-CODE"))
                #expect(!fixture.learners.values.joined().contains { text.contains($0) })
            }
        }
    }

    /// A scraper on the server's own host needs no account.
    @Test func aScraperOnTheHostReadsThemWithoutAnAccount() async throws {
        try await ServerFixture.with { fixture in
            let server = try await LiveServer(database: fixture.name, dataDirectory: fixture.fixtures.url("live"))
            #expect(try await server.request("/healthz").status == .ok)
            let metrics = try await server.request("/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.text.contains(#"hocai_http_requests_total{method="GET",route="/healthz",status="200"} 1"#), "\(metrics.text)")
            #expect(try await server.stop(SIGTERM) == 0)
        }
    }
}
