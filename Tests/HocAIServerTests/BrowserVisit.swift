import Foundation
import HocAITestSupport
import Testing

/// A person at the browser, on the live server: signing in by keyboard, looking at pages, and
/// what every page must hold (its language, a label on every input, no inline script or style,
/// our stylesheet applied, nothing wider than a phone). Screenshots of each page at phone width
/// (390 px) and desktop width (1280 px) go to `.build-screenshots/`.
struct BrowserVisit {
    let browser: Browser
    let base: String

    /// A browser of its own on `base` for `body`, closed afterwards whatever happens.
    static func with(_ base: String, fonts: Browser.Fonts = .system, _ body: (BrowserVisit) async throws -> Void) async throws {
        let browser = try await Browser(fonts: fonts)
        do {
            try await body(BrowserVisit(browser: browser, base: base))
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }

    static let screenshots = TestDatabase.sqlDirectory.deletingLastPathComponent().appendingPathComponent(".build-screenshots")

    func open(_ path: String) async throws {
        try await browser.open(base + path)
    }

    var path: String {
        get async throws {
            let url = try await browser.url
            return url.hasPrefix(base) ? String(url.dropFirst(base.count)) : url
        }
    }

    /// Signs in through the form by keyboard: the login, Tab to the password (the focus must be
    /// visible there), Enter. Waits for `landing`.
    func signIn(_ login: String, landing: String) async throws {
        try await browser.deleteCookies()
        try await open("/sign-in")
        try await browser.find("#login").type(login)
        try await browser.find("#login").type(Browser.Keys.tab)
        let focused = try await browser.run("""
            const element = document.activeElement;
            return [element.id, getComputedStyle(element).outlineStyle];
            """) as? [Any]
        #expect(focused?.first as? String == "password", "Tab from the login goes to the password")
        #expect(focused?.last as? String != "none", "the focus is visible")
        try await browser.find("#password").type("mat-khau-\(login)-2025" + Browser.Keys.enter)
        try await waitFor("the sign-in of \(login) to land on \(landing)") { try await self.path.hasPrefix(landing) }
    }

    /// What every page must hold; then its screenshots, named `name`.
    func check(_ name: String, language: String = "vi") async throws {
        let facts = try #require(try await browser.run("""
            const unlabelled = Array.from(document.querySelectorAll("input:not([type=hidden]), select, textarea"))
                .filter(e => !(e.labels && e.labels.length) && !e.getAttribute("aria-label")).map(e => e.name || e.id || e.type);
            return {
                lang: document.documentElement.lang,
                unlabelled: unlabelled,
                inline: document.querySelectorAll("script:not([src]), style, [style]").length,
                styled: getComputedStyle(document.querySelector("header.site")).display,
                pwned: window.__pwned === undefined ? "" : String(window.__pwned),
            };
            """) as? [String: Any])
        #expect(facts["lang"] as? String == language, "\(name): lang")
        #expect((facts["unlabelled"] as? [Any])?.isEmpty == true, "\(name): inputs without a label: \(facts["unlabelled"] ?? "")")
        #expect(facts["inline"] as? Int == 0, "\(name): inline script or style")
        #expect(facts["styled"] as? String == "flex", "\(name): the stylesheet is applied")
        #expect(facts["pwned"] as? String == "", "\(name): a script from the data ran")
        try await shoot(name)
    }

    /// Screenshots at 390 and 1280 px; at phone width, nothing may be wider than the screen
    /// (wide tables scroll inside their own box).
    func shoot(_ name: String) async throws {
        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        for (width, height) in [(390, 844), (1280, 900)] {
            try await browser.resize(width: width, height: height)
            if width == 390 {
                let overflow = try await browser.run("return document.documentElement.scrollWidth - document.documentElement.clientWidth") as? Int
                if overflow.map({ $0 > 1 }) != false {
                    // Which boxes stick out (the innermost), to say what to fix.
                    let culprits = try await browser.run("""
                        const width = document.documentElement.clientWidth;
                        return Array.from(document.querySelectorAll("body *"))
                            .filter(e => e.getBoundingClientRect().right > width + 1
                                         && !Array.from(e.children).some(c => c.getBoundingClientRect().right > width + 1))
                            .slice(0, 8).map(e => e.tagName.toLowerCase() + (e.className ? "." + e.className : "")
                                                   + " " + Math.round(e.getBoundingClientRect().right) + "px");
                        """) as? [String] ?? []
                    Issue.record("\(name): \(overflow ?? -1) px wider than a phone: \(culprits.joined(separator: ", "))")
                }
            }
            try await browser.screenshot().write(to: Self.screenshots.appendingPathComponent("\(name)-\(width).png"))
        }
    }

    /// The `data-value` of each `[data-field]` inside `selector`, by field.
    func fields(_ selector: String) async throws -> [String: String] {
        try await browser.run("""
            const out = {};
            document.querySelectorAll(arguments[0] + " [data-field]").forEach(e => { out[e.dataset.field] = e.dataset.value; });
            return out;
            """, [selector]) as? [String: String] ?? [:]
    }
}
