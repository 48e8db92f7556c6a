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
        let other: Language = switch language {
        case .vi: .en
        case .en: .vi
        }
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
            <a class="brand" href="/">\(language.text(.aiForEveryoneThaiNguyen))</a>
            <nav aria-label="\(language.text(.pages))">\(navigation)</nav>
            <a class="lang" href="\(path)?lang=\(other.rawValue)" lang="\(other.rawValue)" hreflang="\(other.rawValue)">\(language.text(.otherLanguage))</a>
            </header>
            <main id="main">
            \(content)
            </main>
            <footer class="site">\(language.text(.thaiNguyenDepartmentOfScienceAnd))</footer>
            </body>
            </html>
            """
    }

    private var navigation: HTML {
        guard let account else {
            return """
                <a href="/v">\(language.text(.verifyCertificateShort))</a>
                <a href="/sign-in">\(language.text(.signIn))</a>
                """
        }
        var links: [HTML] = []
        switch account.role {
        case .centre:
            links.append("<a href=\"/centre\">\(language.text(.importRosters))</a>")
        case .instructor:
            links.append("<a href=\"/instructor\">\(language.text(.myClasses))</a>")
        case .official:
            links.append("<a href=\"/dashboard\">\(language.text(.progress))</a>")
        case .admin:
            links.append("<a href=\"/dashboard\">\(language.text(.progress))</a>")
            links.append("<a href=\"/centre\">\(language.text(.importRosters))</a>")
            links.append("<a href=\"/conflicts\">\(language.text(.identityConflicts))</a>")
        }
        links.append("<a href=\"/v\">\(language.text(.verify))</a>")
        let signOut: HTML = """
            <form class="sign-out" method="post" action="/sign-out">
            <input type="hidden" name="csrf" value="\(csrf ?? "")">
            <button type="submit">\(language.text(.signOut)) (\(account.login))</button>
            </form>
            """
        return HTML.join(links + [signOut], separator: "\n")
    }
}
