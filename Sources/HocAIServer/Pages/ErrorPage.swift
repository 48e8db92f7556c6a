import HocAI
import Hummingbird

/// An error on a page, as a page: what happened and what to do, in the reader's language, with
/// the request's id for the administrator when the server is at fault. Never a stack trace, SQL
/// or the server's own message: only the problem's words (`Problem.from`).
struct ErrorPage {
    let problem: Problem
    let language: Language
    let requestID: String


    var advice: String {
        switch problem.status {
        case .notFound:
            language.text(.checkAddressOrGoBackTo)
        case .forbidden:
            problem.code == "\(HocAIError.Code.formExpired)"
                ? (language.text(.goBackReloadPageAndSend))
                : (language.text(.thisPageIsForAnotherAccount))
        case .contentTooLarge:
            language.text(.splitFileIntoSmallerFilesEach)
        case .tooManyRequests:
            language.text(.waitSeconds(problem.retryAfter ?? 60))
        case .serviceUnavailable:
            language.text(.serverIsBusyOrRestartingTry)
        case .internalServerError:
            language.text(.internalError(requestID: requestID))
        default:
            language.text(.goBackCorrectWhatIsSaid)
        }
    }

    func respond(_ request: Request, _ context: HocAIContext) -> Response {
        let layout = PageLayout(title: problem.title, language: language, path: request.uri.path, account: context.identity,
                                csrf: FormToken.token(for: request).value)
        var response = Reply.page(layout.render("""
            <h1>\(problem.title)</h1>
            <div class="verdict error" role="alert" data-code="\(problem.code)"><strong>\(problem.status.code)</strong> \(problem.detail)</div>
            <p>\(advice)</p>
            <p><a href="/">\(language.text(.homePage))</a></p>
            """), status: problem.status)
        if let retryAfter = problem.retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        return response
    }
}
