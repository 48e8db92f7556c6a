import Foundation
import Logging
import PostgresLibPQ

/// Accounts and their credentials: the command line manages them (`hocai account`), the server
/// signs people in with them. Passwords are kept as hashes made by the `PasswordHashing` each
/// caller passes (bcrypt, `HocAIPasswords`), tokens and session cookies as their SHA-256; none is
/// ever logged or shown again after it is made.
public struct AccountService {
    let connection: PostgresConnection
    let logger: Logger

    public init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    public static let minimumPasswordLength = 12
    /// Failed sign-ins allowed in `throttleWindow`, per account and per client address.
    public static let failuresPerAccount = 5
    public static let failuresPerAddress = 20
    public static let throttleWindow = 15 * 60

    // MARK: Managing accounts

    /// Adds an account; with no password given, one is generated and returned (shown once).
    public func add(
        login input: String, role: AccountRole, center: String? = nil, nationalID: String? = nil, password: String? = nil,
        passwords: any PasswordHashing
    ) throws -> (account: Account, generatedPassword: String?) {
        let login = try Self.normalizedLogin(input)
        var centerCode: String?
        var person: String?
        switch role {
        case .centre:
            guard let center else { throw HocAIError.accountInvalid(vi: "Tài khoản trung tâm cần mã trung tâm.", en: "A centre account needs its centre's code.") }
            centerCode = try CenterService(connection: connection, logger: logger).require(center).code
        case .instructor:
            guard let nationalID, case .success(let id) = NationalID.parse(nationalID) else {
                throw HocAIError.accountInvalid(
                    vi: "Tài khoản giảng viên cần số CCCD 12 chữ số của giảng viên.",
                    en: "An instructor account needs the instructor's 12-digit CCCD.")
            }
            guard try connection.query("SELECT EXISTS (SELECT 1 FROM people WHERE national_id = \(id.digits))").scalar(Bool.self) else {
                throw HocAIError.accountInvalid(
                    vi: "Số CCCD này chưa có trong hệ thống: nhập danh sách giảng viên trước.",
                    en: "This national ID is not registered: import the instructors' roster first.")
            }
            person = id.digits
        case .admin, .official:
            guard center == nil, nationalID == nil else {
                throw HocAIError.accountInvalid(
                    vi: "Mã trung tâm và số CCCD chỉ dùng cho tài khoản trung tâm và giảng viên.",
                    en: "A centre's code and a CCCD apply to centre and instructor accounts only.")
            }
        }
        let generated = password == nil ? Secret.password() : nil
        let hash = try Self.hash(password ?? generated!, with: passwords)
        let id: Int
        do {
            id = try connection.transaction { connection in
                let id = try connection.query("""
                    INSERT INTO accounts (login, role, center_code, national_id, password_hash)
                    VALUES (\(login), \(role.rawValue), \(centerCode), \(person), \(hash)) RETURNING id
                    """).scalar(Int.self)
                try AuditLog.record(action: "account.add", subject: "account:\(login)", details: ["role": role.rawValue], on: connection)
                return id
            }
        } catch let error as PostgresError where error.isUniqueViolation {
            throw HocAIError.accountExists(login)
        }
        logger.info("account added", metadata: ["account": "\(id)", "role": "\(role.rawValue)"])
        return (Account(id: id, login: login, role: role, centerCode: centerCode, nationalID: person), generated)
    }

    public func list() throws -> [Account] {
        try connection.query("""
            SELECT id, login, role, center_code, national_id, disabled_at IS NOT NULL FROM accounts ORDER BY login
            """).rows.map(Self.account)
    }

    public func require(_ input: String) throws -> Account {
        let login = try Self.normalizedLogin(input)
        guard let row = try connection.query("""
            SELECT id, login, role, center_code, national_id, disabled_at IS NOT NULL FROM accounts WHERE login = \(login)
            """).first else { throw HocAIError.accountUnknown(login) }
        return try Self.account(row)
    }

    /// Disables an account: it is refused at once, its sessions and tokens with it.
    public func disable(_ input: String) throws {
        let account = try require(input)
        try connection.transaction { connection in
            try connection.query("UPDATE accounts SET disabled_at = now() WHERE id = \(account.id) AND disabled_at IS NULL")
            try connection.query("UPDATE sessions SET ended_at = now() WHERE account_id = \(account.id) AND ended_at IS NULL")
            try AuditLog.record(action: "account.disable", subject: "account:\(account.login)", on: connection)
        }
    }

    /// Sets a new password (generated and returned when none is given).
    public func setPassword(_ input: String, to password: String? = nil, passwords: any PasswordHashing) throws -> String? {
        let account = try require(input)
        let generated = password == nil ? Secret.password() : nil
        let hash = try Self.hash(password ?? generated!, with: passwords)
        try connection.transaction { connection in
            try connection.query("UPDATE accounts SET password_hash = \(hash) WHERE id = \(account.id)")
            try AuditLog.record(action: "account.password", subject: "account:\(account.login)", on: connection)
        }
        return generated
    }

    /// A new API token for the account: shown once, kept as its SHA-256.
    public func issueToken(_ input: String) throws -> String {
        let account = try require(input)
        guard !account.disabled else { throw HocAIError.accountDisabled(account.login) }
        let token = Secret.token()
        try connection.transaction { connection in
            try connection.query("""
                INSERT INTO api_tokens (account_id, token_sha256) VALUES (\(account.id), \(Secret.digest(token))::bytea)
                """)
            try AuditLog.record(action: "account.token", subject: "account:\(account.login)", on: connection)
        }
        return token
    }

    /// Revokes every token of the account; returns how many there were.
    @discardableResult
    public func revokeTokens(_ input: String) throws -> Int {
        let account = try require(input)
        return try connection.transaction { connection in
            let count = try connection.query("""
                UPDATE api_tokens SET revoked_at = now() WHERE account_id = \(account.id) AND revoked_at IS NULL
                """).affectedRows
            try AuditLog.record(action: "account.tokens_revoked", subject: "account:\(account.login)",
                                details: ["count": String(count)], on: connection)
            return count
        }
    }

    // MARK: Signing in (the server, as hocai_login)

    /// Checks a login and password. Refused sign-ins are counted per account and per client
    /// address; past the limits, the next ones are refused before the password is even checked
    /// (`signInThrottled`). An unknown login costs the same hash check as a known one (`PasswordHashing.unmatchable`). Each step is its
    /// own transaction, so a refusal is recorded even though it throws: call it outside one.
    public func signIn(login input: String, password: String, client: String, passwords: any PasswordHashing) throws -> Account {
        let login = (try? Self.normalizedLogin(input)) ?? input.lowercased()
        let subjects = ["login:" + String(login.prefix(64)), "address:" + client]
        let stored: (id: Int, hash: String?, disabled: Bool)? = try connection.transaction { connection in
            for (subject, limit) in zip(subjects, [Self.failuresPerAccount, Self.failuresPerAddress]) {
                let recent = try connection.query("""
                    SELECT recent_auth_failures(\(subject), make_interval(secs => \(Self.throttleWindow)))
                    """).scalar(Int.self)
                if recent >= limit { throw HocAIError.signInThrottled(retryAfter: Self.throttleWindow) }
            }
            return try connection.query("SELECT id, password_hash, disabled FROM login_account(\(login))").first
                .map { try $0.decode((Int, String?, Bool).self) }
        }
        let matches = passwords.verify(password, against: stored?.hash ?? passwords.unmatchable)
        guard let stored, stored.hash != nil, matches, !stored.disabled else {
            try connection.transaction { connection in
                for subject in subjects { try connection.query("SELECT record_auth_failure(\(subject))") }
            }
            logger.notice("sign-in refused", metadata: ["client": "\(client)"])
            throw HocAIError.signInRefused()
        }
        guard let account = try connection.transaction({ connection in
            try connection.query("""
                SELECT id, login, role, center_code, national_id FROM account_by_id(\(stored.id))
                """).first.map(Self.account)
        }) else { throw HocAIError.signInRefused() }
        return account
    }

    /// A new browser session for the account: the cookie's value, kept as its SHA-256.
    public func startSession(for account: Account, lifetime: Int = 8 * 3600) throws -> String {
        let token = Secret.token()
        try connection.query("""
            SELECT start_session(\(account.id), \(Secret.digest(token))::bytea, make_interval(secs => \(lifetime)))
            """)
        return token
    }

    public func endSession(_ token: String) throws {
        try connection.query("SELECT end_session(\(Secret.digest(token))::bytea)")
    }

    /// The account behind a live session cookie, if its account is enabled.
    public func account(session token: String) throws -> Account? {
        try connection.query("""
            SELECT id, login, role, center_code, national_id FROM session_account(\(Secret.digest(token))::bytea)
            """).first.map(Self.account)
    }

    /// The account behind an API token, if the token and its account are live.
    public func account(token: String) throws -> Account? {
        try connection.query("""
            SELECT id, login, role, center_code, national_id FROM token_account(\(Secret.digest(token))::bytea)
            """).first.map(Self.account)
    }

    // MARK: Helpers

    static func account(_ row: PostgresRow) throws -> Account {
        let id = try row.decode(Int.self, at: 0), login = try row.decode(String.self, at: 1)
        let role = AccountRole(rawValue: try row.decode(String.self, at: 2)) ?? .official
        let disabled = row.cells.count > 5 ? try row.decode(Bool.self, at: 5) : false
        return Account(id: id, login: login, role: role, centerCode: try row.decode(String?.self, at: 3),
                       nationalID: try row.decode(String?.self, at: 4), disabled: disabled)
    }

    /// Logins: 3 to 64 lower-case letters, digits, `.`, `_`, `-`, starting with a letter or digit.
    public static func normalizedLogin(_ input: String) throws -> String {
        let login = input.trimmingCharacters(in: .whitespaces).lowercased()
        let allowed = login.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "_" || $0 == "-"
        }
        guard allowed, (3...64).contains(login.count), let first = login.unicodeScalars.first,
              ("a"..."z").contains(first) || ("0"..."9").contains(first) else {
            throw HocAIError.accountInvalid(
                vi: "Tên đăng nhập gồm 3–64 ký tự a–z, 0–9, dấu chấm, gạch dưới hoặc gạch ngang, bắt đầu bằng chữ hoặc số.",
                en: "A login has 3–64 characters a–z, 0–9, dot, underscore or hyphen, starting with a letter or digit.")
        }
        return login
    }

    static func hash(_ password: String, with passwords: any PasswordHashing) throws -> String {
        guard password.count >= Self.minimumPasswordLength, password.count <= 72 else {
            throw HocAIError.accountInvalid(
                vi: "Mật khẩu cần từ \(Self.minimumPasswordLength) đến 72 ký tự.",
                en: "A password needs \(Self.minimumPasswordLength) to 72 characters.")
        }
        return passwords.hash(password)
    }
}
