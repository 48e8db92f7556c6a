import Foundation
import HocAI
import HocAIServer
import HocAITestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// Who gets in: sessions and tokens, refusals, throttling, and what the public may reach.
@Suite(.serialized, .hangGuard)
struct AccessTests {
    @Test func healthAndReadiness() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.test { client in
                try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
                try await client.execute(uri: "/readyz", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.json["status"] as? String == "ready")
                }
            }
        }
    }

    /// A server built for a later schema than the database's is not ready, and says why.
    @Test func notReadyOnAnOlderSchema() async throws {
        try await ServerFixture.with(schemaAhead: 1) { fixture in
            try await fixture.test { client in
                try await client.execute(uri: "/readyz", method: .get) { response in
                    #expect(response.status == .serviceUnavailable)
                    #expect(response.json["reason"] as? String == "schema")
                }
            }
        }
    }

    @Test func sessionCookieSignsInAndOut() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.test { client in
                let cookie = try await client.execute(
                    uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                    body: ServerFixture.body(["login": "tt01", "password": "mat-khau-tt01-2025"])
                ) { response in
                    #expect(response.status == .ok)
                    #expect(response.json["role"] as? String == "centre")
                    let header = try #require(response.headers[.setCookie])
                    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/"] { #expect(header.contains(attribute), "\(header)") }
                    // Secure only behind TLS (the test server is plain HTTP).
                    #expect(!header.contains("Secure"))
                    return try #require(header.split(separator: ";").first.map(String.init))
                }
                try await client.execute(uri: "/api/v1/me", method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .ok)
                    #expect(response.json["login"] as? String == "tt01")
                }
                try await client.execute(uri: "/api/v1/session", method: .delete, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .noContent)
                    #expect(response.headers[.setCookie]?.contains("Max-Age=0") == true)
                }
                // The session is over on the server, not only in the browser.
                try await client.execute(uri: "/api/v1/me", method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .unauthorized)
                    #expect(response.json["code"] as? String == "auth.required")
                }
            }
        }
    }

    @Test func wrongPasswordAndUnknownLoginAreRefusedAlike() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.test { client in
                var bodies: [String] = []
                for (login, password) in [("tt01", "not-the-password"), ("nobody", "not-the-password")] {
                    try await client.execute(
                        uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                        body: ServerFixture.body(["login": login, "password": password])
                    ) { response in
                        #expect(response.status == .unauthorized)
                        #expect(response.headers[.contentType]?.hasPrefix("application/problem+json") == true)
                        #expect(response.headers[.setCookie] == nil)
                        bodies.append(response.text)
                    }
                }
                #expect(bodies[0] == bodies[1], "a refusal must not tell whether the login exists")
            }
        }
    }

    /// A disabled account is refused at once: its token and its live session both stop working.
    @Test func disabledAccountIsRefusedOnItsLiveSession() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.test { client in
                let cookie = try await fixture.signIn(client, "gv0")
                for headers in [fixture.headers("gv0"), [.cookie: cookie]] as [HTTPFields] {
                    try await client.execute(uri: "/api/v1/classes", method: .get, headers: headers) { #expect($0.status == .ok) }
                }
                try await client.execute(uri: "/api/v1/accounts/gv0/disable", method: .post, headers: fixture.headers("admin")) { response in
                    #expect(response.status == .ok)
                    #expect(response.json["disabled"] as? Bool == true)
                }
                for headers in [fixture.headers("gv0"), [.cookie: cookie]] as [HTTPFields] {
                    try await client.execute(uri: "/api/v1/classes", method: .get, headers: headers) { #expect($0.status == .unauthorized) }
                }
                // Nor can it sign in again.
                try await client.execute(
                    uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                    body: ServerFixture.body(["login": "gv0", "password": "mat-khau-gv0-2025"])
                ) { #expect($0.status == .unauthorized) }
            }
        }
    }

    @Test func revokedTokenIsRefused() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.test { client in
                try await client.execute(uri: "/api/v1/me", method: .get, headers: fixture.headers("official")) { #expect($0.status == .ok) }
                try await client.execute(uri: "/api/v1/accounts/official/tokens", method: .delete, headers: fixture.headers("admin")) { response in
                    #expect(response.json["revoked"] as? Int == 1)
                }
                try await client.execute(uri: "/api/v1/me", method: .get, headers: fixture.headers("official")) { response in
                    #expect(response.status == .unauthorized)
                }
                // A made-up token is refused too, never taken for no one.
                try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(Secret.token())"]) {
                    #expect($0.status == .unauthorized)
                }
            }
        }
    }

    /// Five wrong passwords for one account, then even the right one is refused for the window
    /// (429 with Retry-After), while other accounts still sign in. Twenty from one address lock
    /// that address out for every account.
    @Test func bruteForceIsThrottled() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.test { client in
                func attempt(_ login: String, _ password: String) async throws -> TestResponse {
                    try await client.execute(
                        uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                        body: ServerFixture.body(["login": login, "password": password]))
                }
                for _ in 0..<AccountService.failuresPerAccount {
                    #expect(try await attempt("tt02", "doan-mo-mat-khau").status == .unauthorized)
                }
                let throttled = try await attempt("tt02", "mat-khau-tt02-2025")
                #expect(throttled.status == .tooManyRequests)
                #expect(throttled.headers[.retryAfter] == String(AccountService.throttleWindow))
                #expect(throttled.json["code"] as? String == "auth.throttled")
                #expect(try await attempt("tt01", "mat-khau-tt01-2025").status == .ok)
                // The address: spread over many logins, the guesses still add up.
                for index in AccountService.failuresPerAccount..<AccountService.failuresPerAddress {
                    #expect(try await attempt("doan\(index)", "doan-mo-mat-khau").status == .unauthorized)
                }
                #expect(try await attempt("official", "mat-khau-official-2025").status == .tooManyRequests)
            }
        }
    }

    /// Without a login: verification and the operators' endpoints, and a 401 everywhere else
    /// (every route in openapi.yaml is tried).
    @Test func thePublicGetsVerifyAndNothingElse() async throws {
        try await ServerFixture.with { fixture in
            let code = try fixture.certificateCode()
            let open: Set<String> = ["/healthz", "/readyz", "/api/v1/certificates/{code}", "/v/{code}", "POST /api/v1/session",
                                     "DELETE /api/v1/session", "/v", "/assets/hocai.css", "/assets/hocai.js",
                                     "/status/{list}", "/.well-known/jwks.json", "/", "/sign-in", "POST /sign-in", "POST /sign-out"]
            try await fixture.test { client in
                for operation in try OpenAPIDocument.load().operations {
                    let uri = operation.path.replacingOccurrences(of: "{code}", with: code)
                        .replacingOccurrences(of: "{kind}", with: "learners").replacingOccurrences(of: "{id}", with: UUID().uuidString)
                        .replacingOccurrences(of: "{login}", with: "tt01").replacingOccurrences(of: "{list}", with: "1")
                    let response = try await client.execute(uri: uri, method: operation.method, headers: [.contentType: "application/json"],
                                                            body: ByteBuffer(string: "{}"))
                    if open.contains(operation.path) || open.contains("\(operation.method) \(operation.path)") {
                        #expect(response.status != .unauthorized, "\(operation)")
                    } else if operation.path.hasPrefix("/api/") || operation.path == "/metrics" {
                        // `/metrics` too: a request in process comes from no address on this host.
                        #expect(response.status == .unauthorized, "\(operation) answered \(response.status) without a login")
                        #expect(response.headers[.contentType]?.hasPrefix("application/problem+json") == true)
                    } else {
                        // A page sends the browser to sign in first, and back afterwards.
                        #expect(response.status == .seeOther, "\(operation) answered \(response.status) without a login")
                        #expect(response.headers[.location]?.hasPrefix("/sign-in?next=/") == true, "\(operation)")
                    }
                }
                try await client.execute(uri: "/api/v1/certificates/\(code)", method: .get) { response in
                    #expect(response.status == .ok)
                    let certificate = response.json
                    #expect(certificate["status"] as? String == "valid")
                    // Masked as `hocai verify` shows it: no full name, no full CCCD.
                    let holder = try #require(certificate["holder"] as? String)
                    #expect(!holder.contains("Trần Văn Học"))
                    #expect(!response.text.contains(fixture.learners["TT01-A"]![0]))
                }
            }
        }
    }
}
