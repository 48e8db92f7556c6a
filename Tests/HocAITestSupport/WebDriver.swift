import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore

/// A real browser for the tests: Chromium (Debian's `chromium`), headless, driven over the W3C
/// WebDriver protocol by `chromedriver` (Debian's `chromium-driver`), both installed by
/// `scripts/tools test`. Only the commands the tests use: open a page, find elements, type,
/// click, read text and attributes, run a script, resize, take a screenshot. Without the browser
/// the test fails, saying how to install it; it is never skipped.
public final class Browser: @unchecked Sendable {
    private let driver: Process
    private let endpoint: String
    private let session: String
    /// Where the browser saves downloads.
    public let downloads: URL
    private let profile: URL

    /// The fonts Chromium may use: the machine's, or only one family's folder (a fontconfig of
    /// its own), so that a page is seen with each family's metrics whatever else is installed.
    public enum Fonts: String, Sendable, CaseIterable, CustomStringConvertible {
        case system
        case dejavu = "/usr/share/fonts/truetype/dejavu"
        case liberation = "/usr/share/fonts/truetype/liberation"
        case noto = "/usr/share/fonts/truetype/noto"

        public var description: String { self == .system ? "system" : URL(fileURLWithPath: rawValue).lastPathComponent }

        /// A fontconfig file naming this family's folder only, in `directory`; nil for the system's.
        func configuration(in directory: URL) throws -> URL? {
            guard self != .system else { return nil }
            guard FileManager.default.fileExists(atPath: rawValue) else {
                throw TestSupportError("no fonts at \(rawValue): scripts/tools test installs fonts-dejavu-extra, fonts-liberation and fonts-noto-core")
            }
            let url = directory.appendingPathComponent("fonts.conf")
            try """
                <?xml version="1.0"?>
                <!DOCTYPE fontconfig SYSTEM "fonts.dtd">
                <fontconfig>
                  <dir>\(rawValue)</dir>
                  <cachedir>\(directory.appendingPathComponent("font-cache").path)</cachedir>
                  <include ignore_missing="yes">/etc/fonts/conf.d</include>
                </fontconfig>
                """.write(to: url, atomically: true, encoding: .utf8)
            return url
        }
    }

    /// Starts chromedriver on a free port and a headless Chromium session through it.
    public init(width: Int = 1280, height: Int = 900, fonts: Fonts = .system) async throws {
        guard let chromedriver = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"].first(where: FileManager.default.isExecutableFile(atPath:)),
              let chromium = ["/usr/bin/chromium", "/usr/lib/chromium/chromium"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw TestSupportError("Chromium and chromedriver are not installed: scripts/tools test installs Debian's chromium and chromium-driver")
        }
        let port = try freeLoopbackPort()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("hocai-browser-\(UUID().uuidString)")
        downloads = work.appendingPathComponent("downloads")
        profile = work.appendingPathComponent("profile")
        try FileManager.default.createDirectory(at: downloads, withIntermediateDirectories: true)
        driver = Process()
        driver.executableURL = URL(fileURLWithPath: chromedriver)
        driver.arguments = ["--port=\(port)", "--allowed-ips=127.0.0.1"]
        if let configuration = try fonts.configuration(in: work) {
            var environment = ProcessInfo.processInfo.environment
            environment["FONTCONFIG_FILE"] = configuration.path
            driver.environment = environment
        }
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        endpoint = "http://127.0.0.1:\(port)"
        let endpoint = endpoint, driver = driver
        do {
            try await HocAITestSupport.waitFor("chromedriver to answer on port \(port)", timeout: .seconds(60)) {
                guard driver.isRunning else { throw TestSupportError("chromedriver exited with status \(driver.terminationStatus)") }
                let status = try? await Self.send(endpoint + "/status", method: "GET", body: nil)
                return (status?["value"] as? [String: Any])?["ready"] as? Bool == true
            }
        } catch {
            Self.kill(driver)
            throw error
        }
        let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": [
            "browserName": "chrome",
            "goog:chromeOptions": [
                "binary": chromium,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                         "--user-data-dir=\(profile.path)", "--window-size=\(width),\(height)", "--lang=vi", "--force-device-scale-factor=1"],
                "prefs": ["download.default_directory": downloads.path, "download.prompt_for_download": false,
                          "intl.accept_languages": "vi-VN,vi"],
            ] as [String: Any],
        ] as [String: Any]]]
        do {
            let answer = try await Self.send(endpoint + "/session", method: "POST", body: capabilities)
            guard let value = answer["value"] as? [String: Any], let id = value["sessionId"] as? String else {
                throw TestSupportError("chromedriver gave no session: \(answer)")
            }
            session = id
        } catch {
            Self.kill(driver)
            throw error
        }
    }

    deinit {
        Self.kill(driver)
        try? FileManager.default.removeItem(at: downloads.deletingLastPathComponent())
    }

    /// Ends the browser session and the driver.
    /// (chromedriver inherits the test process's blocked signals, so SIGTERM does not reach it:
    /// it is asked to shut down, and killed if it has not.)
    public func quit() async {
        _ = try? await command("DELETE", "")
        _ = try? await Self.send(endpoint + "/shutdown", method: "GET", body: nil)
        let driver = driver
        try? await HocAITestSupport.waitFor("chromedriver to exit", timeout: .seconds(5)) { !driver.isRunning }
        Self.kill(driver)
    }

    private static func kill(_ process: Process) {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
    }

    // MARK: Pages

    public func open(_ url: String) async throws {
        try await command("POST", "/url", ["url": url])
    }

    public var url: String {
        get async throws { try await command("GET", "/url") as? String ?? "" }
    }

    public var title: String {
        get async throws { try await command("GET", "/title") as? String ?? "" }
    }

    /// The page's markup as the browser holds it now.
    public var source: String {
        get async throws { try await command("GET", "/source") as? String ?? "" }
    }

    /// Runs `script` (a function body; `arguments[0]`… are `arguments`) in the page; its result.
    @discardableResult
    public func run(_ script: String, _ arguments: [Any] = []) async throws -> Any? {
        try await command("POST", "/execute/sync", ["script": script, "args": arguments.map(Self.wire)])
    }

    /// The same, for a script that calls `arguments[arguments.length - 1]` with its result.
    public func runAsync(_ script: String, _ arguments: [Any] = []) async throws -> Any? {
        try await command("POST", "/execute/async", ["script": script, "args": arguments.map(Self.wire)])
    }

    public func resize(width: Int, height: Int) async throws {
        try await command("POST", "/window/rect", ["width": width, "height": height])
    }

    /// A PNG of the viewport.
    public func screenshot() async throws -> Data {
        guard let text = try await command("GET", "/screenshot") as? String, let data = Data(base64Encoded: text) else {
            throw TestSupportError("no screenshot")
        }
        return data
    }

    /// Forgets the cookies (another user at the same browser).
    public func deleteCookies() async throws {
        try await command("DELETE", "/cookie")
    }

    // MARK: Elements

    public struct Element: Sendable {
        let id: String
        unowned(unsafe) let browser: Browser

        public func click() async throws { try await browser.command("POST", "/element/\(id)/click", [:]) }

        /// Types `text` (WebDriver keys such as `Keys.enter` included); for a file input, its path.
        public func type(_ text: String) async throws { try await browser.command("POST", "/element/\(id)/value", ["text": text]) }

        public func clear() async throws { try await browser.command("POST", "/element/\(id)/clear", [:]) }

        public var text: String {
            get async throws { try await browser.command("GET", "/element/\(id)/text") as? String ?? "" }
        }

        public func attribute(_ name: String) async throws -> String? {
            try await browser.command("GET", "/element/\(id)/attribute/\(name)") as? String
        }

        /// The live DOM property (an input's `value`, a select's chosen option).
        public func property(_ name: String) async throws -> Any? {
            try await browser.command("GET", "/element/\(id)/property/\(name)")
        }

        public func find(_ selector: String) async throws -> Element {
            try browser.element(try await browser.command("POST", "/element/\(id)/element", ["using": "css selector", "value": selector]))
        }

        public func findAll(_ selector: String) async throws -> [Element] {
            try (try await browser.command("POST", "/element/\(id)/elements", ["using": "css selector", "value": selector]) as? [Any] ?? [])
                .map(browser.element)
        }
    }

    /// WebDriver's special keys.
    public enum Keys {
        public static let enter = "\u{E007}"
        public static let tab = "\u{E004}"
    }

    /// The first element matching `selector`; an error naming it if there is none.
    public func find(_ selector: String) async throws -> Element {
        try element(try await command("POST", "/element", ["using": "css selector", "value": selector]))
    }

    public func findAll(_ selector: String) async throws -> [Element] {
        try (try await command("POST", "/elements", ["using": "css selector", "value": selector]) as? [Any] ?? []).map(element)
    }

    /// Waits until an element matches `selector` (a page loaded, a job finished), and returns it.
    public func waitFor(_ selector: String, timeout: Duration = .seconds(60)) async throws -> Element {
        var found: Element?
        try await HocAITestSupport.waitFor("\(selector) on \((try? await url) ?? "the page")", timeout: timeout) {
            found = try? await self.find(selector)
            return found != nil
        }
        return found!
    }

    /// The text of the element matching `selector`.
    public func text(_ selector: String) async throws -> String {
        try await find(selector).text
    }

    private static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    private func element(_ value: Any?) throws -> Element {
        guard let object = value as? [String: Any], let id = object[Self.elementKey] as? String else {
            throw TestSupportError("not an element: \(String(describing: value))")
        }
        return Element(id: id, browser: self)
    }

    private static func wire(_ value: Any) -> Any {
        if let element = value as? Element { return [elementKey: element.id] }
        return value
    }

    // MARK: Wire

    @discardableResult
    func command(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> Any? {
        let answer = try await Self.send("\(endpoint)/session/\(session)\(path)", method: method, body: body ?? (method == "POST" ? [:] : nil))
        if let value = answer["value"] as? [String: Any], let error = value["error"] as? String {
            throw TestSupportError("WebDriver \(method) \(path): \(error): \((value["message"] as? String)?.prefix(400) ?? "")")
        }
        return answer["value"] ?? nil
    }

    /// One request to chromedriver on a connection of its own (Foundation's URLSession fails on
    /// this platform's libcurl with chromedriver's answers; Hummingbird's test client does not).
    private static func send(_ url: String, method: String, body: [String: Any]?) async throws -> [String: Any] {
        guard let components = URLComponents(string: url), let port = components.port else { throw TestSupportError("bad URL \(url)") }
        var headers: HTTPFields = [:]
        var buffer: ByteBuffer?
        if let body {
            buffer = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))
            headers[.contentType] = "application/json"
        }
        let request = TestClient.Request(components.path, method: HTTPRequest.Method(rawValue: method) ?? .get,
                                         authority: "127.0.0.1:\(port)", headers: headers, body: buffer)
        let response = try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(120))) {
            try await $0.execute(request)
        }
        let data = Data(buffer: response.body ?? ByteBuffer())
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw TestSupportError("WebDriver answered with no JSON object: \(String(decoding: data.prefix(200), as: UTF8.self))")
        }
        return object
    }
}
