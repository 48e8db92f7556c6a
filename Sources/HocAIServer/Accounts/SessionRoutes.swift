import HocAI
import Hummingbird

/// Signing in and out with a password (browsers: a session cookie, HttpOnly, SameSite=Strict, and
/// Secure behind TLS), and who the caller is.
struct SessionRoutes {
    let sessions: Sessions

    func add(to api: RouterGroup<HocAIContext>) {
        api.post("session") { request, context in
            let body = try await request.decode(SignInRequest.self, context: context)
            let (account, token) = try await sessions.signIn(login: body.login, password: body.password, context: context)
            var response = try Reply.json(AccountAnswer(account))
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
            try Reply.json(AccountAnswer(try context.account()))
        }
    }
}
