/// A PostgreSQL error code (SQLSTATE, Appendix A of the manual), named where hocai tells one
/// from another, as postgres-nio's `PostgresError.Code` names them: compare
/// `error.state == .insufficientPrivilege`, never the five characters.
public struct SQLState: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    // Class 0A: feature not supported.
    public static let featureNotSupported = SQLState(rawValue: "0A000")
    // Class 22: data exception.
    public static let divisionByZero = SQLState(rawValue: "22012")
    public static let invalidTextRepresentation = SQLState(rawValue: "22P02")
    // Class 23: integrity constraint violation.
    public static let foreignKeyViolation = SQLState(rawValue: "23503")
    public static let uniqueViolation = SQLState(rawValue: "23505")
    public static let checkViolation = SQLState(rawValue: "23514")
    // Class 25: invalid transaction state.
    /// A write on a hot standby (or in a read-only transaction).
    public static let readOnlySQLTransaction = SQLState(rawValue: "25006")
    // Class 40: transaction rollback.
    public static let serializationFailure = SQLState(rawValue: "40001")
    public static let deadlockDetected = SQLState(rawValue: "40P01")
    // Class 42: syntax error or access rule violation.
    public static let insufficientPrivilege = SQLState(rawValue: "42501")
    public static let undefinedColumn = SQLState(rawValue: "42703")
    public static let undefinedFunction = SQLState(rawValue: "42883")
    public static let undefinedTable = SQLState(rawValue: "42P01")
}
