import Foundation
import HocAI
import HocAIServer
import HocAITestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// The published keys, the status lists and the printable certificate, through HTTP and the
/// command line.
@Suite(.serialized, .hangGuard)
struct CredentialRoutesTests {
    /// A credential signed before a revocation: valid against the server's list, then revoked
    /// against the fresh one, and still valid against the list saved before (exit 0 / 1 / 0).
    @Test func aRevocationReachesAnOfflineCredentialThroughTheServersList() async throws {
        try await ServerFixture.with { fixture in
            let code = try fixture.certificateCode()
            let url = try TestDatabase.databaseURL(for: fixture.name)
            let keyFile = fixture.fixtures.url("tinh.jwks")
            let made = try HocAIProcess.run(["keys", "init", "--out", keyFile.path], databaseURL: nil)
            #expect(made.status == 0, "\(made.stderr)")
            let server = try await LiveServer(database: fixture.name, dataDirectory: fixture.fixtures.url("live"),
                                              environment: ["HOCAI_SIGNING_KEY": keyFile.path], publishing: true)
            let credential = fixture.fixtures.url("chung-chi.jwt")
            // The command line names the lists of the address the register publishes under, which
            // the server serves (it refuses to start on another: PublicAddressTests).
            let signed = try HocAIProcess.run(["credential", code, "--key", keyFile.path, "--output", credential.path], databaseURL: url)
            #expect(signed.status == 0, "\(signed.stderr)")
            let jwks = try await server.request("/.well-known/jwks.json")
            #expect(jwks.status == .ok)
            #expect(jwks.headers[.contentType] == "application/jwk-set+json")
            #expect(String(buffer: jwks.content).contains(try SigningKeySet.read(from: keyFile).active.kid))

            let verify = ["verify", "--credential", credential.path, "--public-key", "\(server.baseURL)/.well-known/jwks.json",
                          "--status-list", "\(server.baseURL)/status/1"]
            let valid = try HocAIProcess.run(verify, databaseURL: nil)
            #expect(valid.status == 0, "\(valid.stdout)\(valid.stderr)")
            #expect(valid.stdout.contains("chưa bị thu hồi"))
            let saved = fixture.fixtures.url("danh-sach-truoc.jwt")
            try Data(buffer: try await server.request("/status/1").content).write(to: saved)

            let revoked = try await server.request(
                "/api/v1/certificates/\(code)/revocation", method: .post, headers: fixture.headers("admin", [.contentType: "application/json"]),
                body: ServerFixture.body(["reason": "Cấp nhầm lớp"]))
            #expect(revoked.status == .ok, "\(revoked.text)")
            let now = try HocAIProcess.run(verify, databaseURL: nil)
            #expect(now.status == 1)
            #expect(now.stdout.contains("ĐÃ BỊ THU HỒI"), "\(now.stdout)\(now.stderr)")
            var offline = verify
            offline[offline.count - 1] = saved.path
            #expect(try HocAIProcess.run(offline, databaseURL: nil).status == 0, "the list from before the revocation says valid")
            // A list signed by another key, served in its place, is refused.
            let stranger = try StatusList.credential(list: 1, revoked: [], key: try SigningKeySet.generate().active, baseURL: server.baseURL)
            try Data(stranger.utf8).write(to: saved)
            let forged = try HocAIProcess.run(offline, databaseURL: nil)
            #expect(forged.status == 1)
            #expect(forged.stderr.contains("chữ ký không khớp"), "\(forged.stderr)")
            try await server.stop(SIGTERM)
        }
    }

    /// Without a key file the server publishes neither keys nor lists (404), and says so.
    @Test func withoutAKeyThereIsNoListToServe() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.test { client in
                for uri in ["/.well-known/jwks.json", "/status/1"] {
                    try await client.execute(uri: uri, method: .get) { #expect($0.status == .notFound, "\(uri)") }
                }
            }
        }
    }

    /// The printable certificate: the holder's centre and administrators see the full name and
    /// the QR code of the verification link; another centre does not; officials may not.
    @Test func thePrintableCertificateIsForTheHoldersCentre() async throws {
        try await ServerFixture.with(configure: { $0.publicURL = "https://hocai.example.vn" }) { fixture in
            let code = try fixture.certificateCode()
            let link = "https://hocai.example.vn/v/\(code)"
            let qr = try QRCode.encode(link)
            try await fixture.test { client in
                for login in ["tt01", "admin"] {
                    let page = try await client.execute(uri: "/certificates/\(code)/print", method: .get, headers: fixture.headers(login))
                    #expect(page.status == .ok, "\(login)")
                    let html = String(buffer: page.body)
                    #expect(html.contains("Trần Văn Học"), "the holder's own document names them")
                    #expect(html.contains(link))
                    #expect(html.contains(qr.svg(title: "Mã QR tra cứu chứng nhận")), "the QR code of the link")
                }
                try await client.execute(uri: "/certificates/\(code)/print", method: .get, headers: fixture.headers("tt02")) {
                    #expect($0.status == .notFound)
                    #expect(!String(buffer: $0.body).contains("Trần Văn Học"))
                }
                try await client.execute(uri: "/certificates/\(code)/print", method: .get, headers: fixture.headers("official")) {
                    #expect($0.status == .forbidden)
                }
                _ = try CertificateService(connection: fixture.db, logger: TestDatabase.logger).revoke(code, reason: "Cấp nhầm")
                try await client.execute(uri: "/certificates/\(code)/print", method: .get, headers: fixture.headers("tt01")) {
                    #expect($0.status == .conflict)
                }
            }
        }
    }

    /// `hocai certificate print` writes the same page offline, its style inside it.
    @Test func theCommandLinePrintsTheSameCertificate() async throws {
        try await ServerFixture.with { fixture in
            let code = try fixture.certificateCode()
            let output = fixture.fixtures.url("chung-nhan.html")
            let set = try HocAIProcess.run(["public-url", "https://hocai.example.vn/"], databaseURL: try TestDatabase.databaseURL(for: fixture.name))
            #expect(set.status == 0, "\(set.stderr)")
            let arguments = ["certificate", "print", code, "--output", output.path]
            let run = try HocAIProcess.run(arguments, databaseURL: try TestDatabase.databaseURL(for: fixture.name))
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("https://hocai.example.vn/v/\(code)"))
            let html = try String(contentsOf: output, encoding: .utf8)
            #expect(html.hasPrefix("<!doctype html>"))
            #expect(html.contains("<style>"))
            #expect(html.contains("Trần Văn Học"))
            #expect(html.contains(try QRCode.encode("https://hocai.example.vn/v/\(code)").svg(title: "Mã QR tra cứu chứng nhận")))
            let again = try HocAIProcess.run(arguments, databaseURL: try TestDatabase.databaseURL(for: fixture.name))
            #expect(again.status == 1, "an existing file is not overwritten without --force")
        }
    }
}
