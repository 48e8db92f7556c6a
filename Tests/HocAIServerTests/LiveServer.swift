import Foundation
import HocAITestSupport
import Hummingbird
import HummingbirdTesting
import NIOCore

/// `hocai serve` as its own process on a loopback port, for what only a real process shows:
/// being killed, being told to stop.
final class LiveServer: HTTPSending, @unchecked Sendable {
    let process: Process
    let port: Int
    private let log: OutputCollectorFile

    /// Starts the server against `database` (as hocai_server) and waits until it says it
    /// listens (its `listening` line): the server's own readiness, not a guess. At most two
    /// servers start at once (`StartLimit.processes`), whatever the other tests are doing.
    /// `publishing`: the register's public address becomes this server's own (`hocai
    /// public-url`), for what must reach it by the links it signs; otherwise the register's
    /// stands, and the server serves it. `databaseURL`: another than the test primary's
    /// (the standby's, as hocai_server).
    init(
        database: String, dataDirectory: URL, environment: [String: String] = [:], publishing: Bool = false, databaseURL: String? = nil
    ) async throws {
        let port = try freeLoopbackPort()
        let log = try OutputCollectorFile(directory: dataDirectory)
        let url = try databaseURL ?? TestDatabase.databaseURL(for: database) + " user=hocai_server"
        var arguments = ["serve", "--bind", "127.0.0.1:\(port)", "--data-dir", dataDirectory.path, "--log-level", "info"]
        if publishing {
            let publicURL = "http://127.0.0.1:\(port)"
            try TestDatabase.setPublicURL(publicURL, database: database)
            arguments += ["--public-url", publicURL]
        }
        let process = try HocAIProcess.make(arguments, databaseURL: url, environment: environment)
        process.standardOutput = log.handle
        process.standardError = log.handle
        process.standardInput = FileHandle.nullDevice
        self.port = port
        self.log = log
        self.process = process
        try await StartLimit.processes.run {
            try process.run()
            try await waitFor("hocai serve to say it listens on port \(port)", timeout: .seconds(180)) {
                guard process.isRunning else { throw TestSupportError("hocai serve exited: \(log.text())") }
                return log.text().contains("listening")
            }
        }
    }

    /// Where it answers.
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// What the server wrote (its log).
    var output: String { log.text() }

    /// Waits until the server's log says `text` (what its services log at start-up may follow
    /// the `listening` line).
    func waitForOutput(_ text: String, timeout: Duration = .seconds(60)) async throws {
        try await waitFor("hocai serve to log \"\(text)\"", timeout: timeout) {
            guard self.process.isRunning else { throw TestSupportError("hocai serve exited: \(self.log.text())") }
            return self.log.text().contains(text)
        }
    }

    /// One request on a connection of its own.
    func request(_ uri: String, method: HTTPRequest.Method = .get, headers: HTTPFields = [:], body: ByteBuffer? = nil) async throws -> TestClient.Response {
        try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(30))) { client in
            try await client.execute(.init(uri, method: method, headers: headers, body: body))
        }
    }

    func send(_ uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> any HTTPAnswer {
        try await request(uri, method: method, headers: headers, body: body)
    }

    /// Sends `signal` and waits for the process to end; its exit status.
    @discardableResult
    func stop(_ signal: Int32) async throws -> Int32 {
        kill(process.processIdentifier, signal)
        try await waitFor("hocai serve to exit", timeout: .seconds(90)) { !self.process.isRunning }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

}

/// A child's output, in a file (a pipe nobody reads would fill and block it).
final class OutputCollectorFile: @unchecked Sendable {
    let url: URL
    let handle: FileHandle

    init(directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        url = directory.appendingPathComponent("server-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        handle = try FileHandle(forWritingTo: url)
    }

    func text() -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }
}
