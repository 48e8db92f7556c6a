import HocAI

/// The frame of every page: `lang`, the viewport for phones, the stylesheet and script (files of
/// the server's own, no CDN, nothing inline), the header with the signed-in account's links and
/// the language switch, and the content.
struct PageLayout {
    let title: String
    let language: Language
    /// The path the page was asked at, for the language switch.
    let path: String
    var account: Account?
    /// The form token, for the sign-out button.
    var csrf: String?
    /// Seconds after which the page reloads itself (a running import, for browsers without the script).
    var refresh: Int?

    func render(_ content: HTML) -> HTML {
        let vi = language == .vi
        let other: Language = vi ? .en : .vi
        return """
            <!doctype html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · hocai</title>
            \(refresh.map { seconds -> HTML in "<meta http-equiv=\"refresh\" content=\"\(seconds)\">" })
            <link rel="stylesheet" href="\(Assets.stylesheetPath)">
            <script src="\(Assets.scriptPath)" defer></script>
            </head>
            <body>
            <header class="site">
            <a class="brand" href="/">\(vi ? "Bình dân học AI · Thái Nguyên" : "AI for everyone · Thái Nguyên")</a>
            <nav aria-label="\(vi ? "Trang" : "Pages")">\(navigation)</nav>
            <a class="lang" href="\(path)?lang=\(other.rawValue)" lang="\(other.rawValue)" hreflang="\(other.rawValue)">\(vi ? "English" : "Tiếng Việt")</a>
            </header>
            <main id="main">
            \(content)
            </main>
            <footer class="site">\(vi ? "Sở Khoa học và Công nghệ tỉnh Thái Nguyên · hocai" : "Thái Nguyên Department of Science and Technology · hocai")</footer>
            </body>
            </html>
            """
    }

    private var navigation: HTML {
        let vi = language == .vi
        guard let account else {
            return """
                <a href="/v">\(vi ? "Tra cứu chứng nhận" : "Verify a certificate")</a>
                <a href="/sign-in">\(vi ? "Đăng nhập" : "Sign in")</a>
                """
        }
        var links: [HTML] = []
        switch account.role {
        case .centre:
            links.append("<a href=\"/centre\">\(vi ? "Nhập danh sách" : "Import rosters")</a>")
        case .instructor:
            links.append("<a href=\"/instructor\">\(vi ? "Lớp của tôi" : "My classes")</a>")
        case .official:
            links.append("<a href=\"/dashboard\">\(vi ? "Tiến độ" : "Progress")</a>")
        case .admin:
            links.append("<a href=\"/dashboard\">\(vi ? "Tiến độ" : "Progress")</a>")
            links.append("<a href=\"/centre\">\(vi ? "Nhập danh sách" : "Import rosters")</a>")
            links.append("<a href=\"/conflicts\">\(vi ? "Xung đột danh tính" : "Identity conflicts")</a>")
        }
        links.append("<a href=\"/v\">\(vi ? "Tra cứu" : "Verify")</a>")
        let signOut: HTML = """
            <form class="sign-out" method="post" action="/sign-out">
            <input type="hidden" name="csrf" value="\(csrf ?? "")">
            <button type="submit">\(vi ? "Đăng xuất" : "Sign out") (\(account.login))</button>
            </form>
            """
        return HTML.join(links + [signOut], separator: "\n")
    }
}
