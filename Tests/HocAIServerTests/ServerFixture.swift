import Foundation
import HocAI
import HocAIPasswords
import HocAIServer
import HocAITestSupport
import Hummingbird
import HummingbirdTesting
import Logging
import PostgresLibPQ
import Testing

/// A register and a server over it, connected as the server's own role (`hocai_server`): two
/// centres (TT01, TT02), the sample cascade, a learner class at each centre, and an account with
/// a token for each role.
struct ServerFixture: @unchecked Sendable {
    let db: PostgresConnection
    let name: String
    let server: HocAIServer
    let fixtures: Fixtures
    /// login → API token.
    let tokens: [String: String]
    /// The learners of TT01-A (taught by instructor 0) and TT02-B (instructor 6).
    let learners: [String: [String]]

    static let logins = ["admin": AccountRole.admin, "official": .official, "tt01": .centre, "tt02": .centre,
                         "gv0": .instructor, "gv6": .instructor]

    /// Runs `body` with a fresh register and server; both are gone afterwards. `schemaAhead`
    /// makes the server expect a schema that many versions past the database's.
    static func with(
        schemaAhead: Int = 0, configure: (inout ServerConfiguration) -> Void = { _ in }, _ body: (ServerFixture) async throws -> Void
    ) async throws {
        try await TestDatabase.withDatabase { db, name in
            let fixtures = try Fixtures()
            defer { fixtures.remove() }
            let learners = try prepareRegister(db, fixtures: fixtures)
            let accounts = AccountService(connection: db, logger: TestDatabase.logger)
            let passwords = BcryptHashing(cost: BcryptHashing.minimumCost)
            var tokens: [String: String] = [:]
            for (login, role) in logins.sorted(by: { $0.key < $1.key }) {
                let center = role == .centre ? login.uppercased() : nil
                let nationalID = role == .instructor ? Cascade.instructor(Int(login.dropFirst(2))!) : nil
                _ = try accounts.add(login: login, role: role, center: center, nationalID: nationalID, password: "mat-khau-\(login)-2025",
                                     passwords: passwords)
                tokens[login] = try accounts.issueToken(login)
            }
            var configuration = ServerConfiguration()
            configuration.databaseURL = try TestDatabase.databaseURL(for: name) + " user=hocai_server"
            configuration.poolSize = 4
            configuration.publicPoolSize = 2
            configuration.dataDirectory = fixtures.url("server-data")
            configuration.uploadLimit = 1 << 20
            configuration.schemaVersion = (try TestDatabase.migrations().map(\.version).max() ?? 0) + schemaAhead
            configure(&configuration)
            // As `hocai serve` requires: the register publishes under the server's address.
            try PublicAddress.set(configuration.publicURL, on: db)
            var logger = Logger(label: "hocai.server.test")
            logger.logLevel = .warning
            let server = HocAIServer(configuration: configuration, logger: logger)
            try await body(ServerFixture(db: db, name: name, server: server, fixtures: fixtures, tokens: tokens, learners: learners))
        }
    }

    /// The register every server test starts from: the sample cascade, and a class of four
    /// learners at each centre (the first of each passed). Returns class → learners' CCCDs.
    static func prepareRegister(_ db: PostgresConnection, fixtures: Fixtures) throws -> [String: [String]] {
        try Cascade.prepare(db, fixtures: fixtures)
        var learners: [String: [String]] = [:]
        for (center, classCode, instructor, offset) in [("TT01", "TT01-A", 0, 0), ("TT02", "TT02-B", 6, 100)] {
            let ids = (0..<4).map { String(format: "0190950%05d", 800 + offset + $0) }
            let rows = [Self.learnerHeader] + ids.enumerated().map { index, id in
                ["Trần Văn Học\(["", " Hai", " Ba", " Tư"][index])", id, "01/01/1995", "Nam", "0912345678", "Đại Từ", classCode,
                 Cascade.instructor(instructor), "01/06/2025", index == 0 ? "20/06/2025" : "", index == 0 ? "Đạt" : "", ""]
            }
            let url = try fixtures.write("\(classCode).csv", Fixtures.csv(rows))
            let summary = try RosterImporter(connection: db, logger: TestDatabase.logger)
                .run(file: url, options: ImportOptions(kind: .learners, center: center))
            #expect(summary.rejected == 0, "\(summary.rejects.map(\.code))")
            learners[classCode] = ids
        }
        return learners
    }

    static let learnerHeader = ["Họ và tên", "Số CCCD", "Ngày sinh", "Giới tính", "Số điện thoại", "Xã/Phường", "Mã lớp",
                                "CCCD giảng viên", "Ngày đăng ký", "Ngày hoàn thành", "Kết quả", "Điểm"]

    /// Headers for a request as `login` (by its token), or as nobody.
    func headers(_ login: String?, _ extra: HTTPFields = [:]) -> HTTPFields {
        var headers = extra
        if let login, let token = tokens[login] { headers[.authorization] = "Bearer \(token)" }
        return headers
    }

    /// A JSON request body.
    static func body(_ object: [String: Any]) -> ByteBuffer {
        ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: object))
    }

    /// Signs in with the account's password; the `Cookie:` value of its session.
    func signIn(_ client: any TestClientProtocol, _ login: String) async throws -> String {
        try await client.execute(
            uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
            body: Self.body(["login": login, "password": "mat-khau-\(login)-2025"])
        ) { response in
            #expect(response.status == .ok)
            let header = try #require(response.headers[.setCookie])
            return try #require(header.split(separator: ";").first.map(String.init))
        }
    }

    /// The certificate of the first learner of TT01-A (who passed).
    func certificateCode() throws -> String {
        try db.query("SELECT code FROM certificates WHERE national_id = \(learners["TT01-A"]![0])").scalar(String.self)
    }

    /// Runs the server's router in process (no socket).
    func test<Value: Sendable>(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        try await server.application().test(.router, body)
    }

    /// Runs the server on a loopback socket of its own (a browser's way in); `body` gets its
    /// address (`http://localhost:PORT`) and a client for it.
    func live<Value: Sendable>(_ body: @escaping @Sendable (String, any TestClientProtocol) async throws -> Value) async throws -> Value {
        try await server.application().test(.live) { client in
            try await body("http://localhost:\(try #require(client.port))", client)
        }
    }

    /// Sends a file to an import route; the job's URL (`Location:`).
    func submit(_ client: some HTTPSending, _ uri: String, as login: String, body: ByteBuffer) async throws -> String {
        let response = try await client.send(uri, method: .post, headers: headers(login, [.contentType: "text/csv"]), body: body)
        #expect(response.status == .accepted, "\(uri): \(response.text)")
        return try #require(response.headers[.location])
    }

    func submit(_ client: any TestClientProtocol, _ uri: String, as login: String, body: ByteBuffer) async throws -> String {
        try await submit(InProcess(client: client), uri, as: login, body: body)
    }

    /// Waits until the job at `url` is done or failed, and returns it.
    func finished(_ client: some HTTPSending, job url: String, as login: String) async throws -> [String: Any] {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(120)
        while clock.now < deadline {
            let job = try await client.send(url, method: .get, headers: headers(login), body: nil).json
            if ["done", "failed"].contains(job["status"] as? String) { return job }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TestSupportError("the job \(url) did not finish")
    }

    func finished(_ client: any TestClientProtocol, job url: String, as login: String) async throws -> [String: Any] {
        try await finished(InProcess(client: client), job: url, as: login)
    }
}

/// Something requests can be sent to: the router in process, or a live server.
protocol HTTPSending: Sendable {
    func send(_ uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> any HTTPAnswer
}

/// A response, whichever client got it.
protocol HTTPAnswer {
    var status: HTTPResponse.Status { get }
    var headers: HTTPFields { get }
    var content: ByteBuffer { get }
}

extension HTTPAnswer {
    /// The body as a JSON object; an empty one, recorded as a test failure, if it is not one.
    var json: [String: Any] {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(buffer: content))) as? [String: Any] else {
            Issue.record("not a JSON object: \(text.prefix(300))")
            return [:]
        }
        return object
    }

    var text: String { String(buffer: content) }
}

extension TestResponse: HTTPAnswer {
    var content: ByteBuffer { body }
}

extension TestClient.Response: HTTPAnswer {
    var content: ByteBuffer { body ?? ByteBuffer() }
}

struct InProcess: HTTPSending {
    let client: any TestClientProtocol

    func send(_ uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> any HTTPAnswer {
        try await client.execute(uri: uri, method: method, headers: headers, body: body)
    }
}
