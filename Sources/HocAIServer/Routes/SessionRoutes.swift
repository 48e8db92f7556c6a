import HocAI
import Hummingbird

/// Signing in and out with a password (browsers: a session cookie, HttpOnly, SameSite=Strict, and
/// Secure behind TLS), and who the caller is.
struct SessionRoutes {
    let server: HocAIServer

    /// A browser session lasts a working day.
    static let lifetime = 8 * 3600

    func add(to router: Router<HocAIContext>) {
        router.post("/api/v1/session") { request, context in
            let body = try await request.jsonObject(context: context)
            guard let login = body["login"] as? String, let password = body["password"] as? String else {
                throw Problem.invalid("login, password", context.language, vi: "cần tên đăng nhập và mật khẩu", en: "a login and a password are needed")
            }
            let client = context.clientAddress
            let (account, token) = try await server.pool.withConnection(scope: .signingIn) { connection in
                let accounts = AccountService(connection: connection, logger: connection.logger)
                // The failures are recorded in a transaction of their own, which the refusal
                // does not roll back.
                let account = try accounts.signIn(login: login, password: password, client: client)
                let token = try connection.transaction { _ in try accounts.startSession(for: account, lifetime: Self.lifetime) }
                return (account, token)
            }
            var response = try Reply.json(AccountJSON.object(account))
            response.setCookie(Cookie(name: AuthenticationMiddleware.sessionCookie, value: token, maxAge: Self.lifetime, path: "/",
                                      secure: server.configuration.secureCookies, httpOnly: true, sameSite: .strict))
            return response
        }
        router.delete("/api/v1/session") { request, context in
            if let cookie = request.cookies[AuthenticationMiddleware.sessionCookie]?.value, !cookie.isEmpty {
                try await server.database(.signingIn, context) { try AccountService(connection: $0, logger: $0.logger).endSession(cookie) }
            }
            var response = Reply.noContent()
            response.setCookie(Cookie(name: AuthenticationMiddleware.sessionCookie, value: "", maxAge: 0, path: "/",
                                      secure: server.configuration.secureCookies, httpOnly: true, sameSite: .strict))
            return response
        }
        router.get("/api/v1/me") { _, context in
            try Reply.json(AccountJSON.object(try context.account()))
        }
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
