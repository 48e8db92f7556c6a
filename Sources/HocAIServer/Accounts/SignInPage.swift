import HocAI

/// The home page for someone not signed in, and the sign-in form.
struct SignInPage {
    let page: Page

    private var vi: Bool { page.vi }

    var title: String { vi ? "Đăng nhập" : "Sign in" }

    var home: HTML {
        """
        <h1>\(vi ? "Bình dân học AI · Thái Nguyên" : "AI for everyone · Thái Nguyên")</h1>
        <p>\(vi ? "Hệ thống theo dõi chương trình \"Bình dân học AI\" của tỉnh: trung tâm nhập danh sách, giảng viên ghi kết quả, cán bộ theo dõi tiến độ, và ai cũng tra cứu được giấy chứng nhận." : "The tracker of the province's \"AI for everyone\" programme: centres import their rosters, instructors record results, officials follow the progress, and anyone can verify a certificate.")</p>
        <div class="cards">
        <section class="card"><h2>\(vi ? "Trung tâm, giảng viên, cán bộ" : "Centres, instructors, officials")</h2>
        <p>\(vi ? "Đăng nhập bằng tài khoản quản trị đã cấp cho đơn vị." : "Sign in with the account the administrator gave your unit.")</p>
        <p><a class="button" href="/sign-in">\(vi ? "Đăng nhập" : "Sign in")</a></p></section>
        <section class="card"><h2>\(vi ? "Tra cứu giấy chứng nhận" : "Verify a certificate")</h2>
        <form class="inline" method="get" action="/v" role="search">
        <label>\(vi ? "Mã chứng nhận" : "Certificate code") <input type="text" name="code" required maxlength="20" autocomplete="off" spellcheck="false"></label>
        <button type="submit">\(vi ? "Tra cứu" : "Verify")</button>
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
            <label for="login">\(vi ? "Tên đăng nhập" : "Login")</label>
            <input type="text" id="login" name="login" required autocomplete="username" autocapitalize="none" spellcheck="false" value="\(login ?? "")"\(login == nil ? HTML(" autofocus") : .empty)>
            <label for="password">\(vi ? "Mật khẩu" : "Password")</label>
            <input type="password" id="password" name="password" required autocomplete="current-password"\(login == nil ? .empty : HTML(" autofocus"))>
            <button type="submit">\(vi ? "Đăng nhập" : "Sign in")</button>
            </form>
            <p class="muted">\(vi ? "Quên mật khẩu? Liên hệ quản trị hệ thống của Sở để đặt lại." : "Forgotten password? Ask the Department's administrator to reset it.")</p>
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
