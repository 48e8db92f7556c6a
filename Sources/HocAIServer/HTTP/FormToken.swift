import Crypto
import Foundation
import HocAI
import Hummingbird

/// The token every form carries against cross-site requests (a double-submitted cookie): the
/// `hocai_csrf` cookie holds 128 random bits, each page puts the same value in its forms' hidden
/// `csrf` field, and a form is taken only when the two agree (compared in constant time). Another
/// site can make a browser send the cookie, but cannot read it to put it in the form. The session
/// cookie is also SameSite=Strict; this is the second lock.
enum FormToken {
    static let cookie = "hocai_csrf"
    static let field = "csrf"

    /// The request's token, or a new one to set with `cookie(_:secure:)`.
    static func token(for request: Request) -> (value: String, isNew: Bool) {
        if let value = request.cookies[cookie]?.value, value.count == 32, value.allSatisfy(\.isHexDigit) { return (value, false) }
        var generator = SystemRandomNumberGenerator()
        return ((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }.hexString(), true)
    }

    static func cookie(_ value: String, secure: Bool) -> Cookie {
        Cookie(name: cookie, value: value, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// `form.expired` (403) unless the form's token is the cookie's.
    static func check(_ sent: String?, _ request: Request) throws {
        guard let expected = request.cookies[cookie]?.value, let sent, expected.utf8.count == sent.utf8.count,
              zip(expected.utf8, sent.utf8).reduce(UInt8(0), { $0 | ($1.0 ^ $1.1) }) == 0, !expected.isEmpty
        else { throw HocAIError.formExpired() }
    }
}

extension Request {
    /// An `application/x-www-form-urlencoded` body (small forms only), as its fields; a field
    /// sent twice keeps its first value.
    func formFields(context: HocAIContext) async throws -> [String: String] {
        let buffer = try await body.collect(upTo: 64 << 10)
        var fields: [String: String] = [:]
        for pair in String(buffer: buffer).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let name = decode(parts[0])
            if fields[name] == nil { fields[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return fields
    }
}
