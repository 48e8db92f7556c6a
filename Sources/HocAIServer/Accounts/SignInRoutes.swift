import Foundation
import HocAI
import Hummingbird

/// The pages' front door: the home page (a signed-in account goes to its own start), signing in
/// with a form (a new session each time, then the account's start page or the page that asked
/// for it) and signing out.
struct SignInRoutes {
    let sessions: Sessions

    func add(to router: Router<HocAIContext>) {
        router.get("/") { request, context in
            if let account = context.identity { return Page.redirect(Page.home(of: account)) }
            let page = Page(request, context, secureCookies: sessions.secureCookies)
            return page.respond(title: page.language.text(.home), SignInPage(page: page).home)
        }
        router.get("/sign-in") { request, context in
            let page = Page(request, context, secureCookies: sessions.secureCookies)
            return page.respond(title: SignInPage(page: page).title, SignInPage(page: page).form(next: request.query("next")))
        }
        router.post("/sign-in") { request, context in
            let fields = try await request.formFields(context: context)
            try FormToken.check(fields[FormToken.field], request)
            let page = Page(request, context, secureCookies: sessions.secureCookies)
            do {
                // A session already open in this browser ends: the new one has a new id.
                try await sessions.signOut(request, context)
                let (account, token) = try await sessions.signIn(login: fields["login"] ?? "", password: fields["password"] ?? "",
                                                                 context: context)
                var response = Page.redirect(SignInPage.localPath(fields["next"]) ?? Page.home(of: account))
                response.setCookie(sessions.cookie(token))
                return response
            } catch let error as HocAIError where [.signInRefused, .signInThrottled, .accountDisabled].contains(error.code) {
                let problem = Problem.from(error, language: context.language)
                var response = page.respond(title: SignInPage(page: page).title, status: problem.status,
                                            SignInPage(page: page).form(next: fields["next"], login: fields["login"], error: problem.detail))
                if let retryAfter = problem.retryAfter { response.headers[.retryAfter] = String(retryAfter) }
                return response
            }
        }
        router.post("/sign-out") { request, context in
            let fields = try await request.formFields(context: context)
            try FormToken.check(fields[FormToken.field], request)
            try await sessions.signOut(request, context)
            var response = Page.redirect("/")
            response.setCookie(sessions.cookie(""))
            return response
        }
    }
}
