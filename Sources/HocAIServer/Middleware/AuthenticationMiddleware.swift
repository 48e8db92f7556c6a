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
