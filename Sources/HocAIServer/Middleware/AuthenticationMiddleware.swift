import HocAI
import Hummingbird
import HummingbirdAuth

/// Who is asking: an API token (`Authorization: Bearer`), else the session cookie. Both are
/// looked up on every request, so a disabled account, a revoked token or an ended session is
/// refused at once. Credentials that do not check out are refused (401), never taken for no one.
struct AuthenticationMiddleware: AuthenticatorMiddleware {
    typealias Context = HocAIContext
    typealias Identity = Account
    let pool: DatabasePool

    static let sessionCookie = "hocai_session"

    /// The session cookie as the server sets it (HttpOnly, SameSite=Strict, Secure behind TLS);
    /// an empty token with no lifetime clears it.
    static func cookie(session token: String, lifetime: Int, secure: Bool) -> Cookie {
        Cookie(name: sessionCookie, value: token, maxAge: token.isEmpty ? 0 : lifetime, path: "/", secure: secure, httpOnly: true,
               sameSite: .strict)
    }

    func authenticate(request: Request, context: Context) async throws -> Account? {
        let account = try await identify(request)
        context.record.accountID = account?.id
        return account
    }

    private func identify(_ request: Request) async throws -> Account? {
        if let bearer = request.headers.bearer {
            let token = bearer.token
            guard let account = try await pool.withConnection(scope: .signingIn, { connection in
                try connection.transaction { try AccountService(connection: $0, logger: connection.logger).account(token: token) }
            }) else { throw HocAIError.notSignedIn() }
            return account
        }
        if let cookie = request.cookies[Self.sessionCookie]?.value, !cookie.isEmpty {
            guard let account = try await pool.withConnection(scope: .signingIn, { connection in
                try connection.transaction { try AccountService(connection: $0, logger: connection.logger).account(session: cookie) }
            }) else { throw HocAIError.notSignedIn() }
            return account
        }
        return nil
    }
}
