import Foundation
import HocAI
import HocAIServer
import HocAITestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// A JSON body is read one way (`JSONRequest`): a body that is not a JSON object is told so, a
/// field that does not fit is named with what it must be, in the caller's language, and nothing
/// is written.
@Suite(.serialized, .hangGuard)
struct RequestBodyTests {
    @Test func aBodyThatDoesNotFitIsNamedAndWritesNothing() async throws {
        try await ServerFixture.with { fixture in
            let completions = try fixture.db.query("SELECT count(*) FROM completions").scalar(Int.self)
            let learner = fixture.learners["TT02-B"]![1]
            let cases: [(uri: String, login: String, body: String, language: String, detail: String)] = [
                ("/api/v1/session", "", "[1, 2]", "en", "The body must be a JSON object."),
                ("/api/v1/session", "", "not json", "vi", "Nội dung phải là một đối tượng JSON."),
                ("/api/v1/session", "", #"{"login": "tt01"}"#, "en", "login, password: a login and a password are needed"),
                ("/api/v1/accounts", "admin", #"{"login": "x", "role": "mayor"}"#, "en", "login, role: a login and a role are needed"),
                ("/api/v1/accounts", "admin", #"{"login": "x", "role": "centre", "center": 1}"#, "en", "center: must be text"),
                ("/api/v1/results", "gv6", #"{"national_id": "\#(learner)", "class": "TT02-B", "result": "pass", "score": "ten"}"#,
                 "en", "score: a score from 0 to 100"),
                ("/api/v1/results", "gv6", #"{"national_id": "\#(learner)", "class": "TT02-B", "result": "pass", "score": 101}"#,
                 "vi", "score: "),
                ("/api/v1/results", "gv6", #"{"national_id": "\#(learner)", "class": "TT02-B", "result": "pass", "date": "05/09/2025"}"#,
                 "en", "date: a date as YYYY-MM-DD"),
                ("/api/v1/results", "gv6", #"{"national_id": "\#(learner)", "class": "TT02-B", "result": "maybe"}"#,
                 "en", "national_id, class, result: "),
                ("/api/v1/conflicts/1/resolution", "admin", #"{"keep": "row", "return": [1, "two"]}"#, "en", "return: return is a list of row numbers"),
                ("/api/v1/centers", "admin", #"{"code": "TT99", "name": "X"}"#, "en", "code, name, commune: "),
            ]
            try await fixture.test { client in
                for item in cases {
                    try await client.execute(
                        uri: item.uri, method: .post,
                        headers: fixture.headers(item.login.isEmpty ? nil : item.login, [.contentType: "application/json", .acceptLanguage: item.language]),
                        body: ByteBuffer(string: item.body)
                    ) { response in
                        #expect(response.status == .badRequest, "\(item.uri) \(item.body): \(response.text)")
                        let problem = response.json
                        #expect(problem["code"] as? String == "request.invalid", "\(item.body)")
                        let detail = problem["detail"] as? String ?? ""
                        #expect(detail.hasPrefix(item.detail), "\(item.body): \(detail)")
                    }
                }
            }
            #expect(try fixture.db.query("SELECT count(*) FROM completions").scalar(Int.self) == completions)
            #expect(try fixture.db.query("SELECT count(*) FROM accounts WHERE login = 'x'").scalar(Int.self) == 0)
            #expect(try fixture.db.query("SELECT count(*) FROM training_centers WHERE code = 'TT99'").scalar(Int.self) == 0)
        }
    }
}
