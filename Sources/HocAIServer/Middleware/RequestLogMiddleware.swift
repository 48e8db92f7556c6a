import Foundation
import HocAI
import Hummingbird
import Logging

/// Every request ends in one log line: its id, the account, the route (the template, never the
/// path with its values or the query), the status and the duration; never a person's data. An
/// error becomes its problem response here, in the request's language, so the line has its
/// status and the client gets `application/problem+json` whatever went wrong. The same line's
/// route, status and duration are counted for `/metrics`.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = HocAIContext
    let logger: Logger
    let metrics: ServerMetrics
    /// Whether the client's address comes from the proxy's `X-Forwarded-For`.
    let trustProxy: Bool
    /// Whether cookies are marked Secure (the server is behind TLS).
    let secureCookies: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let chosen = request.query("lang").flatMap(Language.init(rawValue:))
        context.language = chosen ?? request.cookies[Self.languageCookie].flatMap { Language(rawValue: $0.value) }
            ?? Self.language(request.headers[.acceptLanguage])
        if trustProxy, let forwarded = request.headers[.init("X-Forwarded-For")!]?.split(separator: ",").first {
            context.clientAddress = forwarded.trimmingCharacters(in: .whitespaces)
        }
        let start = ContinuousClock.now
        var response: Response
        var failure: String?
        do {
            response = try await next(request, context)
        } catch {
            let problem = Problem.from(error, language: context.language)
            failure = problem.code
            if problem.status == .internalServerError {
                logger.error("request failed", metadata: ["request": "\(context.id)", "error": "\(String(reflecting: type(of: error)))"])
            }
            if Page.isPage(request) {
                // A page that needs a sign-in sends the browser there, and back afterwards; a
                // session that has ended is forgotten on the way, so the sign-in page opens.
                if problem.status == .unauthorized {
                    let asked = request.method == .get ? request.uri.path + (request.uri.query.map { "?" + $0 } ?? "") : "/"
                    response = Page.redirect("/sign-in?next=" + (asked.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "/-._~"))) ?? "/"))
                    response.setCookie(AuthenticationMiddleware.cookie(session: "", lifetime: 0, secure: secureCookies))
                } else {
                    response = ErrorPage(problem: problem, language: context.language, requestID: "\(context.id)").respond(request, context)
                }
            } else {
                response = try problem.response(from: request, context: context)
            }
        }
        // The language switch (`?lang=en`) is remembered for the pages that follow.
        if let chosen {
            response.setCookie(Cookie(name: Self.languageCookie, value: chosen.rawValue, maxAge: 365 * 86400, path: "/", httpOnly: true,
                                      sameSite: .lax))
        }
        let elapsed = ContinuousClock.now - start
        var metadata: Logger.Metadata = [
            "request": "\(context.id)", "method": "\(request.method)", "route": "\(context.endpointPath ?? "-")",
            "status": "\(response.status.code)",
            "ms": "\(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)",
        ]
        if let account = context.record.accountID { metadata["account"] = "\(account)" }
        if let failure { metadata["problem"] = "\(failure)" }
        logger.info("request", metadata: metadata)
        metrics.request(method: "\(request.method)", route: context.endpointPath, status: Int(response.status.code), elapsed: elapsed)
        return response
    }

    static let languageCookie = "hocai_lang"

    /// Vietnamese unless the client prefers English (`Accept-Language: en…` before any `vi`).
    static func language(_ header: String?) -> Language {
        guard let header else { return .vi }
        var best: (language: Language, quality: Double)?
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let tag = pieces.first else { continue }
            let quality = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            let language: Language? = tag.hasPrefix("en") ? .en : tag.hasPrefix("vi") ? .vi : nil
            if let language, quality > (best?.quality ?? 0) { best = (language, quality) }
        }
        return best?.language ?? .vi
    }
}
