import HocAI

/// What the account and session routes read and answer.
struct SignInRequest: JSONRequest {
    let login: String
    let password: String

    static func invalid(at field: String) -> (fields: String, wording: WebText) {
        ("login, password", .loginAndPasswordAreNeeded)
    }
}

struct NewAccountRequest: JSONRequest {
    let login: String
    let role: AccountRole
    let center: String?
    let nationalID: String?
    let password: String?

    enum CodingKeys: String, CodingKey {
        case login, role, center, password
        case nationalID = "national_id"
    }

    static func invalid(at field: String) -> (fields: String, wording: WebText) {
        switch CodingKeys(rawValue: field) {
        case .center, .nationalID, .password: (field, .mustBeText)
        default: ("login, role", .loginAndRoleAreNeeded)
        }
    }
}

/// An account as the API shows it: the CCCD masked; a generated password only in the answer
/// that made it.
struct AccountAnswer: Encodable {
    let id: Int
    let login: String
    let role: AccountRole
    let disabled: Bool
    let center: String?
    let nationalID: String?
    var password: String?

    enum CodingKeys: String, CodingKey {
        case id, login, role, disabled, center, password
        case nationalID = "national_id"
    }

    init(_ account: Account, password: String? = nil) {
        id = account.id
        login = account.login
        role = account.role
        disabled = account.disabled
        center = account.centerCode
        nationalID = account.nationalID.map { NationalID(validated: $0).masked }
        self.password = password
    }
}

struct AccountList: Encodable {
    let accounts: [AccountAnswer]
}

struct TokenAnswer: Encodable {
    let token: String
}

struct RevokedTokens: Encodable {
    let revoked: Int
}
