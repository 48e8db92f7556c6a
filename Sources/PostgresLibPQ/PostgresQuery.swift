/// A SQL statement whose values travel as bound parameters.
///
/// Written as a string literal with interpolations, like postgres-nio's `PostgresQuery`:
/// every interpolated value becomes `$n` and is sent apart from the SQL text, so a value can never
/// change the statement. The only way to splice text into SQL is `init(unsafeSQL:)`, which says so.
///
///     let query: PostgresQuery = "SELECT name FROM communes WHERE code = \(code)"
public struct PostgresQuery: Sendable, ExpressibleByStringInterpolation {
    public private(set) var sql: String
    public private(set) var bindings: PostgresBindings

    /// Statement text taken as it is, with no parameters. For fixed SQL and identifiers only.
    public init(unsafeSQL: String, bindings: PostgresBindings = PostgresBindings()) {
        self.sql = unsafeSQL
        self.bindings = bindings
    }

    public init(stringLiteral value: String) {
        self.init(unsafeSQL: value)
    }

    public init(stringInterpolation: StringInterpolation) {
        self.init(unsafeSQL: stringInterpolation.sql, bindings: stringInterpolation.bindings)
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var sql: String
        var bindings = PostgresBindings()

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql = ""
            sql.reserveCapacity(literalCapacity + 3 * interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            sql += literal
        }

        /// Binds a value as the next parameter.
        public mutating func appendInterpolation(_ value: some PostgresEncodable) {
            bindings.append(value)
            sql += "$\(bindings.count)"
        }

        /// Binds a value, or NULL when it is `nil`.
        public mutating func appendInterpolation(_ value: (some PostgresEncodable)?) {
            bindings.append(value)
            sql += "$\(bindings.count)"
        }

        /// Splices SQL text as it is, as postgres-nio's `\(unescaped:)` does: for identifiers and
        /// fixed fragments the code chooses, never for values.
        public mutating func appendInterpolation(unescaped text: String) {
            sql += text
        }
    }
}

/// The parameter values of a query, in their text form, with optional type OIDs.
public struct PostgresBindings: Sendable {
    public private(set) var values: [String?] = []
    public private(set) var types: [UInt32] = []

    public init() {}

    public var count: Int { values.count }

    public mutating func append(_ value: some PostgresEncodable) {
        values.append(value.postgresText)
        types.append(type(of: value).postgresTypeOID)
    }

    public mutating func append<Value: PostgresEncodable>(_ value: Value?) {
        values.append(value?.postgresText)
        types.append(Value.postgresTypeOID)
    }
}
