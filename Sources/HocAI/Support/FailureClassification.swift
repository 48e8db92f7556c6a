import PostgresLibPQ

extension HocAIError {
    /// The one reading of a failure met below the library (the database refusing, or gone) as
    /// what a user can act on, for every front end: the command line maps the result to an exit
    /// status and the server to an HTTP status, and neither reads SQLSTATEs itself. `nil`: not
    /// one the library knows (the front end says so as an internal or database error).
    public static func classifying(_ error: any Error) -> HocAIError? {
        if let error = error as? HocAIError { return error }
        guard let error = error as? PostgresError else { return nil }
        if error.code == .connectionFailed || error.code == .connectionClosed { return .databaseUnavailable() }
        guard let state = error.state else { return nil }
        if state == .readOnlySQLTransaction { return .databaseReadOnly() }
        if state == .insufficientPrivilege { return .forbidden() }
        if schemaMissing.contains(state) { return .schemaNotReady() }
        return nil
    }

    /// What a database without hocai's schema (or an older one) answers: an undefined table,
    /// function or column.
    static let schemaMissing: Set<SQLState> = [.undefinedTable, .undefinedFunction, .undefinedColumn]
}
