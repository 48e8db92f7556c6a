import HocAI
import Hummingbird

/// An error on a page, as a page: what happened and what to do, in the reader's language, with
/// the request's id for the administrator when the server is at fault. Never a stack trace, SQL
/// or the server's own message: only the problem's words (`Problem.from`).
struct ErrorPage {
    let problem: Problem
    let language: Language
    let requestID: String

    private var vi: Bool { language == .vi }

    var advice: String {
        switch problem.status {
        case .notFound:
            vi ? "Kiểm tra lại địa chỉ, hoặc quay về trang chính và tìm từ đó."
               : "Check the address, or go back to the home page and find it from there."
        case .forbidden:
            problem.code == "\(HocAIError.Code.formExpired)"
                ? (vi ? "Quay lại trang trước, tải lại trang rồi gửi lại." : "Go back, reload the page and send it again.")
                : (vi ? "Trang này dành cho tài khoản khác. Đăng nhập bằng tài khoản của đơn vị mình, hoặc nhờ quản trị cấp quyền."
                      : "This page is for another account. Sign in with your own unit's account, or ask the administrator for access.")
        case .contentTooLarge:
            vi ? "Chia tệp thành nhiều tệp nhỏ hơn (mỗi tệp giữ nguyên dòng tiêu đề) rồi gửi từng tệp."
               : "Split the file into smaller files (each with the header line) and send them one by one."
        case .tooManyRequests:
            vi ? "Đợi \(problem.retryAfter ?? 60) giây rồi thử lại." : "Wait \(problem.retryAfter ?? 60) seconds and try again."
        case .serviceUnavailable:
            vi ? "Máy chủ đang bận hoặc đang khởi động lại; thử lại sau ít phút. Chưa có gì thay đổi."
               : "The server is busy or restarting; try again in a few minutes. Nothing has changed."
        case .internalServerError:
            vi ? "Chưa có gì thay đổi. Thử lại; nếu vẫn lỗi, báo quản trị kèm mã yêu cầu \(requestID)."
               : "Nothing has changed. Try again; if it fails again, tell the administrator the request id \(requestID)."
        default:
            vi ? "Quay lại trang trước, sửa điều được nêu ở trên rồi gửi lại."
               : "Go back, correct what is said above and send it again."
        }
    }

    func respond(_ request: Request, _ context: HocAIContext) -> Response {
        let layout = PageLayout(title: problem.title, language: language, path: request.uri.path, account: context.identity,
                                csrf: FormToken.token(for: request).value)
        var response = Reply.page(layout.render("""
            <h1>\(problem.title)</h1>
            <div class="verdict error" role="alert" data-code="\(problem.code)"><strong>\(problem.status.code)</strong> \(problem.detail)</div>
            <p>\(advice)</p>
            <p><a href="/">\(vi ? "Về trang chính" : "Home page")</a></p>
            """), status: problem.status)
        if let retryAfter = problem.retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        return response
    }
}
