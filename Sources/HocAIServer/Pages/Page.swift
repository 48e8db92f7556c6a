import HocAI
import Hummingbird

/// A page being answered: the request's language and account, its form token, and the frame.
/// `respond` renders the content in `PageLayout` and sets the token's cookie when it is new, so
/// that every form on the page can carry it (`FormToken`).
struct Page {
    let request: Request
    let context: HocAIContext
    let secureCookies: Bool
    let token: (value: String, isNew: Bool)

    init(_ request: Request, _ context: HocAIContext, secureCookies: Bool) {
        self.request = request
        self.context = context
        self.secureCookies = secureCookies
        token = FormToken.token(for: request)
    }

    var language: Language { context.language }

    /// The hidden field every form carries.
    var tokenField: HTML { "<input type=\"hidden\" name=\"\(FormToken.field)\" value=\"\(token.value)\">" }

    func respond(title: String, status: HTTPResponse.Status = .ok, refresh: Int? = nil, _ content: HTML) -> Response {
        let layout = PageLayout(title: title, language: language, path: request.uri.path, account: context.identity, csrf: token.value,
                                refresh: refresh)
        var response = Reply.page(layout.render(content), status: status)
        if token.isNew { response.setCookie(FormToken.cookie(token.value, secure: secureCookies)) }
        return response
    }

    /// Where a signed-in account starts.
    static func home(of account: Account) -> String {
        switch account.role {
        case .centre: "/centre"
        case .instructor: "/instructor"
        case .official, .admin: "/dashboard"
        }
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// Whether an answer to `request` is a page (not the API's, a file's or a program's): errors
    /// on pages are pages too, and a page that needs a sign-in sends the browser to it.
    static func isPage(_ request: Request) -> Bool {
        let path = request.uri.path
        for prefix in ["/api/", "/.well-known/", "/status/", "/assets/", "/healthz", "/readyz", "/metrics"] where path.hasPrefix(prefix) {
            return false
        }
        return !request.wantsJSON
    }
}
