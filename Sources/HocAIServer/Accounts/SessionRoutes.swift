import HocAI
import Hummingbird

/// Signing in and out with a password (browsers: a session cookie, HttpOnly, SameSite=Strict, and
/// Secure behind TLS), and who the caller is.
struct SessionRoutes {
    let sessions: Sessions

    func add(to api: RouterGroup<HocAIContext>) {
        api.post("session") { request, context in
            let body = try await request.jsonObject(context: context)
            guard let login = body["login"] as? String, let password = body["password"] as? String else {
                throw Problem.invalid("login, password", context.language, .loginAndPasswordAreNeeded)
            }
            let (account, token) = try await sessions.signIn(login: login, password: password, context: context)
            var response = try Reply.json(AccountJSON.object(account))
            response.setCookie(sessions.cookie(token))
            return response
        }
        api.delete("session") { request, context in
            try await sessions.signOut(request, context)
            var response = Reply.noContent()
            response.setCookie(sessions.cookie(""))
            return response
        }
        api.get("me") { _, context in
            try Reply.json(AccountJSON.object(try context.account()))
        }
    }
}

enum AccountJSON {
    static func object(_ account: Account) -> [String: Any] {
        var object: [String: Any] = ["id": account.id, "login": account.login, "role": account.role.rawValue, "disabled": account.disabled]
        object["center"] = account.centerCode
        object["national_id"] = account.nationalID.map { NationalID(validated: $0).masked }
        return object
    }
}
