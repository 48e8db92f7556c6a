import CLibPQ
import Foundation

/// An error from the PostgreSQL module.
///
/// Built like postgres-nio's `PSQLError`: a struct over a private enum, so new kinds can be added
/// without breaking callers, and carrying the server's diagnostic fields. Its `description` names
/// the kind and SQLSTATE only: server messages and details can quote row data (a duplicated key,
/// a rejected value), so they are available as properties but never printed by default.
public struct PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    fileprivate enum Base: Sendable, Equatable {
        case connectionFailed
        case server
        case unexpectedNull
        case decodingFailed
        case copyAborted
        case protocolViolation
        case connectionClosed
        case interrupted
    }

    /// The kind of error, comparable with `==` (e.g. `error.code == .server`).
    public struct Code: Sendable, Equatable, CustomStringConvertible {
        fileprivate let base: Base
        public static let connectionFailed = Code(base: .connectionFailed)
        public static let server = Code(base: .server)
        public static let unexpectedNull = Code(base: .unexpectedNull)
        public static let decodingFailed = Code(base: .decodingFailed)
        public static let copyAborted = Code(base: .copyAborted)
        public static let protocolViolation = Code(base: .protocolViolation)
        public static let connectionClosed = Code(base: .connectionClosed)
        /// The connection's `interruption` asked for no more statements (the work was cancelled).
        public static let interrupted = Code(base: .interrupted)

        public var description: String {
            switch base {
            case .connectionFailed: "connection failed"
            case .server: "server error"
            case .unexpectedNull: "unexpected NULL"
            case .decodingFailed: "decoding failed"
            case .copyAborted: "COPY aborted"
            case .protocolViolation: "protocol violation"
            case .connectionClosed: "connection closed"
            case .interrupted: "interrupted"
            }
        }
    }

    public let code: Code
    /// Five-character SQLSTATE for server errors (`23505` for a unique violation).
    public let sqlState: String?
    /// The server's primary message, or libpq's for client-side failures. May quote data.
    public let message: String
    /// The server's DETAIL field. May quote data (e.g. the duplicated key).
    public let detail: String?
    public let hint: String?
    public let constraint: String?
    public let table: String?
    public let column: String?
    /// The column index or type involved when decoding failed.
    public let context: String?

    init(
        code: Code, sqlState: String? = nil, message: String, detail: String? = nil, hint: String? = nil,
        constraint: String? = nil, table: String? = nil, column: String? = nil, context: String? = nil
    ) {
        self.code = code
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
        self.table = table
        self.column = column
        self.context = context
    }

    /// libpq's message, with any password in it (a connection URL or string it quotes back)
    /// replaced by `***`.
    static func connectionFailed(_ message: String) -> PostgresError {
        PostgresError(code: .connectionFailed, message: redactingPasswords(message))
    }

    /// `scheme://user:secret@host` → `scheme://user:***@host`; `password=secret` → `password=***`.
    public static func redactingPasswords(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let scheme = rest.range(of: "://") {
            result += rest[..<scheme.upperBound]
            rest = rest[scheme.upperBound...]
            // The authority ends at the first /, ?, # or whitespace; its user part at the last @.
            let end = rest.firstIndex { "/?# \t\n\"'".contains($0) } ?? rest.endIndex
            let authority = rest[..<end]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                result += authority[...colon] + "***" + authority[at...]
            } else {
                result += authority
            }
            rest = rest[end...]
        }
        result += rest
        var redacted = ""
        var scanner = Substring(result)
        while let found = scanner.range(of: "password=", options: .caseInsensitive) {
            redacted += scanner[..<found.upperBound] + "***"
            scanner = scanner[found.upperBound...]
            var index = scanner.startIndex
            if scanner.first == "'" {
                index = scanner.index(after: index)
                while index < scanner.endIndex && scanner[index] != "'" {
                    if scanner[index] == "\\" { index = scanner.index(after: index) }
                    if index < scanner.endIndex { index = scanner.index(after: index) }
                }
                if index < scanner.endIndex { index = scanner.index(after: index) }
            } else {
                while index < scanner.endIndex && !" &\t\n\"".contains(scanner[index]) { index = scanner.index(after: index) }
            }
            scanner = scanner[index...]
        }
        return redacted + scanner
    }

    static func decoding(_ message: String, context: String) -> PostgresError {
        PostgresError(code: .decodingFailed, message: message, context: context)
    }

    /// Reads the diagnostic fields of a failed result.
    static func server(_ result: OpaquePointer?, connection: OpaquePointer?) -> PostgresError {
        func field(_ name: Character) -> String? {
            guard let result, let ascii = name.asciiValue,
                  let value = PQresultErrorField(result, Int32(ascii)) else { return nil }
            return String(cString: value)
        }
        let fallback = connection.flatMap { PQerrorMessage($0) }.map { String(cString: $0) } ?? "unknown error"
        let message = field("M") ?? fallback.trimmingTrailingNewlines()
        guard let sqlState = field("C") else {
            return PostgresError(code: .connectionClosed, message: message)
        }
        return PostgresError(
            code: .server, sqlState: sqlState, message: message, detail: field("D"), hint: field("H"),
            constraint: field("n"), table: field("t"), column: field("c"))
    }

    /// The server's SQLSTATE, typed (nil for an error not from the server).
    public var state: SQLState? { sqlState.map(SQLState.init(rawValue:)) }

    public var isUniqueViolation: Bool { state == .uniqueViolation }
    public var isForeignKeyViolation: Bool { state == .foreignKeyViolation }
    public var isCheckViolation: Bool { state == .checkViolation }
    /// A serialization failure or a deadlock: the transaction may succeed if retried.
    public var isSerializationFailure: Bool { state == .serializationFailure || state == .deadlockDetected }

    public var description: String {
        var text = "PostgresError(\(code)"
        if let sqlState { text += ", sqlState: \(sqlState)" }
        if let constraint { text += ", constraint: \(constraint)" }
        if let context { text += ", context: \(context)" }
        return text + ")"
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = self
        while let last = text.last, last.isNewline { text.removeLast() }
        return text
    }
}
