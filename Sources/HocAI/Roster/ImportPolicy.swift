/// Which role may import which kind into which centre: the rule the server applies before it
/// receives a file, the same rule as the database's insert policies on `import_jobs` (sql/010,
/// `centre_own_insert`, `instructor_own_insert`, `admin_all`), which refuse any job it lets past.
/// `ImportPolicyTests` checks the two against each other.
///
/// - An administrator imports anything: experts (the province's, for no centre) and any centre's
///   rosters and results.
/// - A centre's clerk imports its own centre's instructors, learners and results; the centre may
///   be left out (it is theirs) but not changed.
/// - An instructor imports results, for the centre named (row-level security then keeps the rows
///   to the instructor's own classes).
/// - An official imports nothing.
public enum ImportPolicy {
    /// Whether `role` may import a file of `kind` at all.
    public static func allows(_ role: AccountRole, _ kind: RosterKind) -> Bool {
        switch (role, kind) {
        case (.admin, _): true
        case (.centre, .instructors), (.centre, .learners), (.centre, .completions): true
        case (.instructor, .completions): true
        case (.official, _), (.centre, .experts), (.instructor, _): false
        }
    }

    /// `request` as `account` may send it: its centre filled in for a clerk who left it out,
    /// then `validated()`. `auth.forbidden` for a kind or centre the account may not import.
    public static func authorize(_ request: ImportRequest, by account: Account) throws -> ImportRequest {
        guard allows(account.role, request.kind) else { throw HocAIError.forbidden() }
        var request = request
        if account.role == .centre {
            request.center = request.center ?? account.centerCode
            guard request.center != nil, request.center == account.centerCode else { throw HocAIError.forbidden() }
        }
        return try request.validated()
    }
}
