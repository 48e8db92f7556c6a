import Foundation
import HocAI
import HocAIServer
import HocAITestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// The pages through HTTP: signing in with the form (its token, a new session each time, where it
/// leads), error pages that say what to do and never show the inside, the security headers, and
/// the upload form's limits.
@Suite(.serialized, .hangGuard)
struct PageTests {
    /// The cookies a response sets, by name.
    static func cookies(_ response: TestResponse) -> [String: String] {
        var cookies: [String: String] = [:]
        for field in response.headers where field.name == .setCookie {
            let pair = field.value.split(separator: ";").first?.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if let pair, pair.count == 2 { cookies[String(pair[0])] = String(pair[1]) }
        }
        return cookies
    }

    static func form(_ fields: [String: String]) -> ByteBuffer {
        ByteBuffer(string: fields.sorted { $0.key < $1.key }.map { key, value in
            key + "=" + (value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        }.joined(separator: "&"))
    }

    static let formType: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    static func formType(cookie: String) -> HTTPFields {
        [.contentType: "application/x-www-form-urlencoded", .cookie: cookie]
    }

    /// The form's token, the session's id, and where each role lands.
    @Test func signingInWithTheForm() async throws {
        try await ServerFixture.with { fixture in
            try await fixture.test { client in
                let page = try await client.execute(uri: "/sign-in", method: .get)
                #expect(page.status == .ok)
                let token = try #require(Self.cookies(page)["hocai_csrf"])
                #expect(page.text.contains("value=\"\(token)\""), "the form carries the cookie's token")
                let csrf = "hocai_csrf=\(token)"

                // No token, or another one: refused, and nobody is signed in.
                for (cookie, sent) in [(csrf, ""), (csrf, String(repeating: "0", count: 32)), ("", token)] {
                    var headers = Self.formType
                    if !cookie.isEmpty { headers[.cookie] = cookie }
                    let refused = try await client.execute(uri: "/sign-in", method: .post, headers: headers,
                                                           body: Self.form(["login": "tt01", "password": "mat-khau-tt01-2025", "csrf": sent]))
                    #expect(refused.status == .forbidden)
                    #expect(refused.text.contains("data-code=\"form.expired\""))
                    #expect(Self.cookies(refused)["hocai_session"] == nil)
                }

                var sessions: [String] = []
                for (login, home) in [("tt01", "/centre"), ("gv0", "/instructor"), ("official", "/dashboard"), ("admin", "/dashboard"), ("tt01", "/centre")] {
                    var headers = Self.formType
                    headers[.cookie] = csrf + (sessions.last.map { "; hocai_session=\($0)" } ?? "")
                    let signedIn = try await client.execute(uri: "/sign-in", method: .post, headers: headers,
                                                            body: Self.form(["login": login, "password": "mat-khau-\(login)-2025", "csrf": token]))
                    #expect(signedIn.status == .seeOther)
                    #expect(signedIn.headers[.location] == home, "\(login)")
                    let session = try #require(Self.cookies(signedIn)["hocai_session"])
                    #expect(!sessions.contains(session), "a new session id on every sign-in")
                    // The session the browser held before is over.
                    if let previous = sessions.last {
                        let old = try await client.execute(uri: "/api/v1/me", method: .get, headers: [.cookie: "hocai_session=\(previous)"])
                        #expect(old.status == .unauthorized)
                    }
                    sessions.append(session)
                }

                // Back to the page that asked, never to another site.
                for (next, location) in [("/jobs/x?y=1", "/jobs/x?y=1"), ("//evil.example", "/centre"), ("https://evil.example", "/centre"),
                                         ("/\\evil.example", "/centre")] {
                    let signedIn = try await client.execute(uri: "/sign-in", method: .post, headers: Self.formType(cookie: csrf),
                                                            body: Self.form(["login": "tt01", "password": "mat-khau-tt01-2025", "csrf": token, "next": next]))
                    #expect(signedIn.headers[.location] == location, "next=\(next)")
                }

                // A wrong password: the form again, with the reason, and the login kept.
                let wrong = try await client.execute(uri: "/sign-in", method: .post, headers: Self.formType(cookie: csrf),
                                                     body: Self.form(["login": "tt01", "password": "sai", "csrf": token]))
                #expect(wrong.status == .unauthorized)
                #expect(wrong.text.contains("role=\"alert\""))
                #expect(wrong.text.contains("value=\"tt01\""))

                // Signing out ends the session on the server.
                let session = sessions.last!
                let out = try await client.execute(uri: "/sign-out", method: .post,
                                                   headers: Self.formType(cookie: "\(csrf); hocai_session=\(session)"),
                                                   body: Self.form(["csrf": token]))
                #expect(out.status == .seeOther)
                #expect(try await client.execute(uri: "/api/v1/me", method: .get, headers: [.cookie: "hocai_session=\(session)"]).status == .unauthorized)
                // A page with the ended session sends the browser to sign in, and forgets it.
                let ended = try await client.execute(uri: "/centre", method: .get, headers: [.cookie: "hocai_session=\(session)"])
                #expect(ended.status == .seeOther)
                #expect(ended.headers[.location] == "/sign-in?next=/centre")
                #expect(Self.cookies(ended)["hocai_session"] == "")
            }
        }
    }

    /// Error pages say, in the reader's language, what happened and what to do; none shows a stack
    /// trace or SQL; every page is under a Content-Security-Policy without `unsafe-inline`.
    @Test func errorPagesAndHeaders() async throws {
        try await ServerFixture.with(configure: { $0.uploadLimit = 4096 }) { fixture in
            try await fixture.test { client in
                let missing = try await client.execute(uri: "/khong-co", method: .get)
                #expect(missing.status == .notFound)
                #expect(missing.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(missing.text.contains("lang=\"vi\""))
                #expect(missing.text.contains("Kiểm tra lại địa chỉ"))
                let english = try await client.execute(uri: "/khong-co?lang=en", method: .get)
                #expect(english.text.contains("lang=\"en\"") && english.text.contains("Check the address"))

                let forbidden = try await client.execute(uri: "/dashboard", method: .get, headers: fixture.headers("tt01"))
                #expect(forbidden.status == .forbidden)
                #expect(forbidden.text.contains("Đăng nhập bằng tài khoản của đơn vị mình"))

                // An upload past the limit: 413, what to do, and nothing left behind.
                let page = try await client.execute(uri: "/centre", method: .get, headers: fixture.headers("tt01"))
                let token = try #require(Self.cookies(page)["hocai_csrf"])
                let boundary = "hocai-test-boundary"
                var body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(token)\r\n"
                body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nlearners\r\n"
                body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"lon.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                body += String(repeating: "x,y\r\n", count: 4000) + "\r\n--\(boundary)--\r\n"
                let tooLarge = try await client.execute(
                    uri: "/imports", method: .post,
                    headers: fixture.headers("tt01", [.contentType: "multipart/form-data; boundary=\(boundary)", .cookie: "hocai_csrf=\(token)"]),
                    body: ByteBuffer(string: body))
                #expect(tooLarge.status == .contentTooLarge)
                #expect(tooLarge.text.contains("Chia tệp thành nhiều tệp nhỏ hơn"))
                let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixture.server.configuration.dataDirectory.appendingPathComponent("uploads").path)
                #expect(leftovers.isEmpty, "\(leftovers)")
                // A form without its token is refused, and its file removed too.
                body = body.replacingOccurrences(of: token, with: "khong-phai")
                let small = body.replacingOccurrences(of: String(repeating: "x,y\r\n", count: 4000), with: "x,y\r\n")
                let forged = try await client.execute(
                    uri: "/imports", method: .post,
                    headers: fixture.headers("tt01", [.contentType: "multipart/form-data; boundary=\(boundary)", .cookie: "hocai_csrf=\(token)"]),
                    body: ByteBuffer(string: small))
                #expect(forged.status == .forbidden)
                #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.server.configuration.dataDirectory.appendingPathComponent("uploads").path).isEmpty)

                for response in [missing, forbidden, tooLarge, page] {
                    let policy = try #require(response.headers[.contentSecurityPolicy])
                    #expect(!policy.contains("unsafe-inline") && policy.contains("default-src 'self'"), "\(policy)")
                    for secret in ["SELECT", "Swift", "PostgresError", ".swift:", "Fatal"] { #expect(!response.text.contains(secret)) }
                }
            }
        }
    }
}
