import HocAI

/// The home page for someone not signed in, and the sign-in form.
struct SignInPage {
    let page: Page


    var title: String { page.language.text(.signIn) }

    var home: HTML {
        """
        <h1>\(page.language.text(.aiForEveryoneThaiNguyen))</h1>
        <p>\(page.language.text(.trackerOfProvinceAiForEveryone))</p>
        <div class="cards">
        <section class="card"><h2>\(page.language.text(.centresInstructorsOfficials))</h2>
        <p>\(page.language.text(.signInWithAccountAdministratorGave))</p>
        <p><a class="button" href="/sign-in">\(page.language.text(.signIn))</a></p></section>
        <section class="card"><h2>\(page.language.text(.verifyCertificate))</h2>
        <form class="inline" method="get" action="/v" role="search">
        <label>\(page.language.text(.certificateCode)) <input type="text" name="code" required maxlength="20" autocomplete="off" spellcheck="false"></label>
        <button type="submit">\(page.language.text(.verify))</button>
        </form></section>
        </div>
        """
    }

    func form(next: String?, login: String? = nil, error: String? = nil) -> HTML {
        let alert: HTML = error.map { message -> HTML in "<div class=\"verdict error\" role=\"alert\">\(message)</div>" } ?? .empty
        let back: HTML = Self.localPath(next).map { path -> HTML in "<input type=\"hidden\" name=\"next\" value=\"\(path)\">" } ?? .empty
        return """
            <h1>\(title)</h1>
            \(alert)
            <form class="stack" method="post" action="/sign-in">
            \(page.tokenField)
            \(back)
            <label for="login">\(page.language.text(.login))</label>
            <input type="text" id="login" name="login" required autocomplete="username" autocapitalize="none" spellcheck="false" value="\(login ?? "")"\(login == nil ? HTML(" autofocus") : .empty)>
            <label for="password">\(page.language.text(.password))</label>
            <input type="password" id="password" name="password" required autocomplete="current-password"\(login == nil ? .empty : HTML(" autofocus"))>
            <button type="submit">\(page.language.text(.signIn))</button>
            </form>
            <p class="muted">\(page.language.text(.forgottenPasswordAskDepartmentAdministratorTo))</p>
            """
    }

    /// A path on this site to go back to after signing in (never another site: `//host` and
    /// `/\host` are refused).
    static func localPath(_ text: String?) -> String? {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), !text.hasPrefix("/\\"), text.count < 512,
              text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }) else { return nil }
        return text
    }
}
