import PostgresLibPQ

/// The database role a request runs as, and the account's scope, set at the start of every
/// transaction of the request (`PostgresConnection.transactionPrelude`): `SET LOCAL ROLE` and the
/// transaction-local settings that the row-level security policies read (sql/010).
public struct DatabaseScope: Sendable, Equatable {
    public enum Role: String, Sendable {
        case admin = "hocai_admin"
        case official = "hocai_official"
        case centre = "hocai_centre"
        case instructor = "hocai_instructor"
        case importer = "hocai_importer"
        case login = "hocai_login"
        case `public` = "hocai_public"
    }

    public let role: Role
    public let accountID: Int?
    public let actor: String?
    public let center: String?
    public let nationalID: String?

    public init(role: Role, accountID: Int? = nil, actor: String? = nil, center: String? = nil, nationalID: String? = nil) {
        self.role = role
        self.accountID = accountID
        self.actor = actor
        self.center = center
        self.nationalID = nationalID
    }

    /// The account in its own role: what it may see (lists, downloads, the report), and the
    /// writes sql/010 grants that role itself (a centre's or an instructor's job row, an
    /// administrator's accounts, revocations and decisions). Imports write as `importing`.
    public static func acting(as account: Account) -> DatabaseScope {
        let role: Role = switch account.role {
        case .admin: .admin
        case .official: .official
        case .centre: .centre
        case .instructor: .instructor
        }
        return DatabaseScope(role: role, accountID: account.id, actor: account.actor, center: account.centerCode,
                             nationalID: account.nationalID)
    }

    /// Writing a roster or results for `center`: the importer, bound to that centre (and, for an
    /// instructor, to their classes); an administrator writes as themselves.
    public static func importing(as account: Account, center: String?) -> DatabaseScope {
        if account.role == .admin {
            return DatabaseScope(role: .admin, accountID: account.id, actor: account.actor, center: center)
        }
        return DatabaseScope(role: .importer, accountID: account.id, actor: account.actor, center: center,
                             nationalID: account.role == .instructor ? account.nationalID : nil)
    }

    /// Checking credentials, before anyone is known.
    public static let signingIn = DatabaseScope(role: .login)

    /// Anyone: certificate verification only.
    public static let anyone = DatabaseScope(role: .public)

    /// The statement that sets it, values bound as parameters.
    public var prelude: PostgresQuery {
        """
        SELECT set_config('role', \(role.rawValue), true), set_config('hocai.account_id', \(accountID.map(String.init) ?? ""), true),
               set_config('hocai.actor', \(actor ?? ""), true), set_config('hocai.center', \(center ?? ""), true),
               set_config('hocai.national_id', \(nationalID ?? ""), true)
        """
    }
}
