import HocAI
import Hummingbird

/// Sessions: a password checked (failures throttled per account and per address) and a session
/// started, ended, and the cookie that carries it. The API's and the sign-in page's one way.
struct Sessions: Sendable {
    let database: ServerDatabase
    let passwords: any PasswordHashing
    /// Cookies only over TLS (`ServerConfiguration.secureCookies`).
    let secureCookies: Bool

    /// A browser session lasts a working day.
    static let lifetime = 8 * 3600

    /// Checks the password (failures throttled per account and per address) and starts a new
    /// session: its token, always a new one, is the cookie's value.
    func signIn(login: String, password: String, context: HocAIContext) async throws -> (Account, String) {
        let client = context.clientAddress
        return try await database.pool.withConnection(scope: .signingIn) { connection in
            let accounts = AccountService(connection: connection, logger: connection.logger)
            // The failures are recorded in a transaction of their own, which the refusal
            // does not roll back.
            let account = try accounts.signIn(login: login, password: password, client: client, passwords: passwords)
            let token = try connection.transaction { _ in try accounts.startSession(for: account, lifetime: Self.lifetime) }
            return (account, token)
        }
    }

    /// Ends the request's session, if it has one.
    func signOut(_ request: Request, _ context: HocAIContext) async throws {
        if let cookie = request.cookies[AuthenticationMiddleware.sessionCookie]?.value, !cookie.isEmpty {
            try await database(.signingIn, context) { try AccountService(connection: $0, logger: $0.logger).endSession(cookie) }
        }
    }

    /// The session cookie (an empty value with no lifetime clears it).
    func cookie(_ token: String) -> Cookie {
        AuthenticationMiddleware.cookie(session: token, lifetime: Self.lifetime, secure: secureCookies)
    }
}

/// An account as the API shows it: an instructor's CCCD masked.
