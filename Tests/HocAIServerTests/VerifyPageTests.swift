import Foundation
import HocAI
import HocAIServer
import HocAITestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// The public verification link, through HTTP: a page for people, JSON for programs, the verdict
/// in plain words, masked, and limited per client address.
@Suite(.serialized, .hangGuard)
struct VerifyPageTests {
    static let html: HTTPFields = [.accept: "text/html,application/xhtml+xml,*/*;q=0.8"]

    @Test func aValidCertificatesPageAndItsJSON() async throws {
        try await ServerFixture.with { fixture in
            let code = try fixture.certificateCode()
            try await fixture.test { client in
                let page = try await client.execute(uri: "/v/\(code)", method: .get, headers: Self.html)
                #expect(page.status == .ok)
                #expect(page.headers[.contentType] == "text/html; charset=utf-8")
                let text = String(buffer: page.body)
                #expect(text.contains("<html lang=\"vi\">"))
                #expect(text.contains("CÒN HIỆU LỰC"))
                #expect(text.contains("Học viên hoàn thành"))
                #expect(text.contains("20/06/2025"), "the pass date")
                #expect(text.contains("TT01-A"))
                #expect(!text.contains("Trần Văn Học") && !text.contains(fixture.learners["TT01-A"]![0]), "masked")
                // JSON under content negotiation, the same as the API's.
                let json = try await client.execute(uri: "/v/\(code.lowercased())", method: .get, headers: [.accept: "application/json"])
                let api = try await client.execute(uri: "/api/v1/certificates/\(code)", method: .get)
                #expect(json.headers[.contentType] == "application/json; charset=utf-8")
                #expect(json.body == api.body)
                #expect(json.json["status"] as? String == "valid")
                // English on request, remembered.
                let english = try await client.execute(uri: "/v/\(code)?lang=en", method: .get, headers: Self.html)
                #expect(String(buffer: english.body).contains("VALID"))
                #expect(english.headers[.setCookie]?.contains("hocai_lang=en") == true)
            }
        }
    }

    @Test func revokedUnknownMistypedAndNotACode() async throws {
        try await ServerFixture.with { fixture in
            let code = try fixture.certificateCode()
            _ = try CertificateService(connection: fixture.db, logger: TestDatabase.logger)
                .revoke(code, reason: "Gian lận khi kiểm tra", on: CalendarDate(year: 2025, month: 7, day: 2)!)
            var letters = Array(code)
            letters.swapAt(3, 4)
            if letters == Array(code) { letters[3] = letters[3] == "7" ? "8" : "7" }
            let typo = String(letters), grouped = try CertificateCode.parse(code).get().grouped
            try await fixture.test { client in
                let revoked = String(buffer: try await client.execute(uri: "/v/\(code)", method: .get, headers: Self.html).body)
                #expect(revoked.contains("ĐÃ THU HỒI"))
                #expect(revoked.contains("02/07/2025"))
                #expect(revoked.contains("Gian lận khi kiểm tra"))

                let unknown = try await client.execute(uri: "/v/\(CertificateCode.random().value)", method: .get, headers: Self.html)
                #expect(unknown.status == .notFound)
                #expect(String(buffer: unknown.body).contains("KHÔNG TÌM THẤY"))

                let mistyped = try await client.execute(uri: "/v/\(typo)", method: .get, headers: Self.html)
                #expect(mistyped.status == .badRequest)
                let page = String(buffer: mistyped.body)
                #expect(page.contains("MÃ CÓ VẺ BỊ GÕ SAI"))
                #expect(page.contains("href=\"/v/\(code)\""), "the code meant is offered")
                #expect(!page.contains("Tr. V. H") && !page.contains("Trần"), "no holder's data for a code not asked for")
                let problem = try await client.execute(uri: "/v/\(typo)", method: .get, headers: [.accept: "application/json"])
                #expect(problem.headers[.contentType]?.hasPrefix("application/problem+json") == true)
                #expect((problem.json["candidates"] as? [String])?.contains(grouped) == true)

                // A CCCD typed where a code belongs: echoed masked, with no "nearest codes" made of its digits.
                let cccd = fixture.learners["TT01-A"]![1]
                let typed = String(buffer: try await client.execute(uri: "/v/\(cccd)", method: .get, headers: Self.html).body)
                #expect(!typed.contains(cccd) && !typed.contains(String(cccd.dropLast(2))))
                #expect(typed.contains(String(cccd.prefix(3))))

                let junk = try await client.execute(uri: "/v/%3Cscript%3Ealert(1)%3C%2Fscript%3E", method: .get, headers: Self.html)
                #expect(junk.status == .badRequest)
                #expect(!String(buffer: junk.body).contains("<script>"), "escaped")
                #expect(String(buffer: junk.body).contains("&lt;script&gt;"))

                // The form sends a code to its page.
                let form = try await client.execute(uri: "/v?code=\(code.lowercased())", method: .get)
                #expect(form.status == .seeOther)
                #expect(form.headers[.location] == "/v/\(code.lowercased())")
            }
        }
    }

    /// A burst of lookups from one address is refused (429, Retry-After) while another address
    /// still gets its answers.
    /// One token a minute, so a slow machine cannot refill the bucket between the eight lookups.
    @Test func lookupsAreLimitedPerAddress() async throws {
        try await ServerFixture.with(configure: { $0.verifyPerMinute = 1; $0.verifyBurst = 5; $0.trustProxy = true }) { fixture in
            let code = try fixture.certificateCode()
            try await fixture.test { client in
                var statuses: [HTTPResponse.Status] = []
                for _ in 0..<8 {
                    let response = try await client.execute(uri: "/api/v1/certificates/\(code)", method: .get,
                                                            headers: [.init("X-Forwarded-For")!: "203.0.113.7"])
                    statuses.append(response.status)
                    if response.status == .tooManyRequests {
                        let retryAfter = response.headers[.retryAfter].flatMap { Int($0) }
                        #expect(retryAfter.map { (1...60).contains($0) } == true, "Retry-After: \(String(describing: retryAfter))")
                        #expect(response.json["code"] as? String == "verify.throttled")
                    }
                }
                #expect(statuses == Array(repeating: .ok, count: 5) + Array(repeating: .tooManyRequests, count: 3))
                let other = try await client.execute(uri: "/v/\(code)", method: .get, headers: [.init("X-Forwarded-For")!: "198.51.100.9"])
                #expect(other.status == .ok)
            }
        }
    }
}
