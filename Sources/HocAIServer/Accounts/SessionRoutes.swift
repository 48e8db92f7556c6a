import HocAI
import Hummingbird

/// Signing in and out with a password (browsers: a session cookie, HttpOnly, SameSite=Strict, and
/// Secure behind TLS), and who the caller is.
struct SessionRoutes {
    let server: HocAIServer

    /// A browser session lasts a working day.
    static let lifetime = 8 * 3600

    func add(to api: RouterGroup<HocAIContext>) {
        api.post("session") { request, context in
            let body = try await request.jsonObject(context: context)
            guard let login = body["login"] as? String, let password = body["password"] as? String else {
                throw Problem.invalid("login, password", context.language, vi: "cần tên đăng nhập và mật khẩu", en: "a login and a password are needed")
            }
            let (account, token) = try await signIn(login: login, password: password, context: context)
            var response = try Reply.json(AccountJSON.object(account))
            response.setCookie(sessionCookie(token))
            return response
        }
        api.delete("session") { request, context in
            try await signOut(request, context)
            var response = Reply.noContent()
            response.setCookie(sessionCookie(""))
            return response
        }
        api.get("me") { _, context in
            try Reply.json(AccountJSON.object(try context.account()))
        }
    }
}

extension SessionRoutes {
    /// Checks the password (failures throttled per account and per address) and starts a new
    /// session: its token, always a new one, is the cookie's value.
    func signIn(login: String, password: String, context: HocAIContext) async throws -> (Account, String) {
        let client = context.clientAddress
        return try await server.pool.withConnection(scope: .signingIn) { connection in
            let accounts = AccountService(connection: connection, logger: connection.logger)
            // The failures are recorded in a transaction of their own, which the refusal
            // does not roll back.
            let account = try accounts.signIn(login: login, password: password, client: client, passwords: server.passwords)
            let token = try connection.transaction { _ in try accounts.startSession(for: account, lifetime: Self.lifetime) }
            return (account, token)
        }
    }

    /// Ends the request's session, if it has one.
    func signOut(_ request: Request, _ context: HocAIContext) async throws {
        if let cookie = request.cookies[AuthenticationMiddleware.sessionCookie]?.value, !cookie.isEmpty {
            try await server.database(.signingIn, context) { try AccountService(connection: $0, logger: $0.logger).endSession(cookie) }
        }
    }

    /// The session cookie (an empty value with no lifetime clears it).
    func sessionCookie(_ token: String) -> Cookie {
        AuthenticationMiddleware.cookie(session: token, lifetime: Self.lifetime, secure: server.configuration.secureCookies)
    }
}

/// An account as the API shows it: an instructor's CCCD masked.
enum AccountJSON {
    static func object(_ account: Account) -> [String: Any] {
        var object: [String: Any] = ["id": account.id, "login": account.login, "role": account.role.rawValue, "disabled": account.disabled]
        object["center"] = account.centerCode
        object["national_id"] = account.nationalID.map { NationalID(validated: $0).masked }
        return object
    }
}
