import Crypto
import Foundation

/// What an account may do, as the roles table of the README says: a role, and for a centre's
/// clerk the centre, for an instructor the person.
public enum AccountRole: String, Sendable, CaseIterable, Codable {
    case admin, official, centre, instructor
}

/// A user of the service: a centre's clerk, an instructor, an official or an administrator.
public struct Account: Sendable, Equatable, Codable {
    public let id: Int
    public let login: String
    public let role: AccountRole
    /// The centre a clerk works for.
    public let centerCode: String?
    /// The instructor's own CCCD.
    public let nationalID: String?
    public let disabled: Bool

    public init(id: Int, login: String, role: AccountRole, centerCode: String?, nationalID: String?, disabled: Bool = false) {
        self.id = id
        self.login = login
        self.role = role
        self.centerCode = centerCode
        self.nationalID = nationalID
        self.disabled = disabled
    }

    /// How the account is named in the register's records (`audit_log.actor`, `run_by`…).
    public var actor: String { "account:\(login)" }
}

/// A secret handed to a person or a script once (a token, a session cookie, a generated password)
/// and kept by the register only as its SHA-256, or bcrypt for passwords.
public enum Secret {
    /// 256 random bits, base64url, with a prefix that says what it is (`hocai_…`).
    public static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return "hocai_" + Base64URL.encode(Data(bytes))
    }

    /// A password a person can type: 16 characters of Crockford's base 32 (80 bits), in groups.
    public static func password() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz")
        let characters = (0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return stride(from: 0, to: 16, by: 4).map { String(characters[$0..<$0 + 4]) }.joined(separator: "-")
    }

    /// SHA-256 of the secret's text, as bytea's text form (`\x…`).
    public static func digest(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).hexString(prefix: "\\x")
    }
}
