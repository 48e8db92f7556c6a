import CLibPQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging

/// One connection to PostgreSQL through libpq.
///
/// Blocking and not thread-safe, like the libpq connection under it: use one connection from one
/// task at a time (the type is deliberately not `Sendable`). Every `PGresult` is cleared before a
/// call returns, and the connection is finished on `close()` or when it is released.
public final class PostgresConnection {
    private var handle: OpaquePointer?
    private let notices: NoticeSink
    public let logger: Logger

    /// Connects with a libpq connection string or URL (`postgresql://…`, `host=… dbname=…`).
    ///
    /// `nil` or an empty string uses libpq's own defaults, as `psql` does: `PGHOST`, `PGPORT`,
    /// `PGUSER`, `PGDATABASE`, `PGPASSWORD`, `~/.pgpass`, `PGSSLMODE` and the rest.
    /// `overrides` (libpq keywords such as `dbname`) win over what the string says.
    public init(
        connectionString: String?, overrides: [(keyword: String, value: String)] = [],
        applicationName: String = "hocai", logger: Logger
    ) throws {
        self.logger = logger
        self.notices = NoticeSink(logger: logger)
        // Only the first dbname is expanded as a connection string; later keywords override it.
        let keywords = ["dbname", "fallback_application_name", "client_encoding"] + overrides.map(\.keyword)
        let values = [connectionString ?? "", applicationName, "UTF8"] + overrides.map(\.value)
        let handle = try withCStringArray(keywords) { keywordPointers in
            try withCStringArray(values) { valuePointers in
                // expand_dbname = 1: a URL or key=value string in dbname is expanded in place.
                guard let handle = PQconnectdbParams(keywordPointers, valuePointers, 1) else {
                    throw PostgresError.connectionFailed("out of memory")
                }
                return handle
            }
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(handle)).trimmingTrailingNewlines()
            PQfinish(handle)
            throw PostgresError.connectionFailed(message)
        }
        self.handle = handle
        PQsetNoticeReceiver(handle, noticeReceiver, Unmanaged.passUnretained(notices).toOpaque())
    }

    deinit {
        if let handle { PQfinish(handle) }
    }

    /// Closes the connection. Later calls fail with `connectionClosed`.
    public func close() {
        if let handle { PQfinish(handle) }
        handle = nil
    }

    var liveHandle: OpaquePointer {
        get throws {
            guard let handle else {
                throw PostgresError(code: .connectionClosed, message: "the connection was closed")
            }
            return handle
        }
    }

    /// Asked before every statement: once it answers true, no statement is sent and each call
    /// throws `interrupted`. With `cancelToken()` (which stops the statement under way) it ends
    /// a cancelled piece of work between its statements too.
    public var interruption: (@Sendable () -> Bool)?

    /// The handle, for sending a statement: not while the work is interrupted, and only once a
    /// transaction that `begin()` left pending has been opened on the server.
    func statementHandle() throws -> OpaquePointer {
        let handle = try uninterruptedHandle
        if let opening = pendingBegin {
            pendingBegin = nil
            _ = try pipeline(opening, handle: handle)
        }
        return handle
    }

    private var uninterruptedHandle: OpaquePointer {
        get throws {
            if let interruption, interruption() {
                throw PostgresError(code: .interrupted, message: "the work was cancelled")
            }
            return try liveHandle
        }
    }

    /// The settings this connection actually uses, as a `key=value` connection string (password
    /// excluded), so another process can connect to the same database.
    public func connectionString() throws -> String {
        let handle = try liveHandle
        guard let options = PQconninfo(handle) else { throw PostgresError.connectionFailed("out of memory") }
        defer { PQconninfoFree(options) }
        var parts: [String] = []
        var option = options
        while let keyword = option.pointee.keyword {
            let key = String(cString: keyword)
            if let value = option.pointee.val, key != "password" {
                let escaped = String(cString: value).replacingOccurrences(of: "\\", with: "\\\\")
                    .replacingOccurrences(of: "'", with: "\\'")
                parts.append("\(key)='\(escaped)'")
            }
            option += 1
        }
        return parts.joined(separator: " ")
    }

    /// The server's version number, e.g. 150018.
    public var serverVersion: Int {
        handle.map { Int(PQserverVersion($0)) } ?? 0
    }

    // MARK: Queries

    /// Runs a statement with bound parameters and reads its whole result.
    @discardableResult
    public func query(_ query: PostgresQuery) throws -> PostgresResult {
        if let opening = pendingBegin {
            // The transaction's first statement: BEGIN, the prelude and it in one round trip.
            let handle = try uninterruptedHandle
            pendingBegin = nil
            return try pipeline(opening + [query], handle: handle)
        }
        let handle = try statementHandle()
        let result = withParameters(query.bindings) { values, types in
            PQexecParams(handle, query.sql, Int32(query.bindings.count), types, values, nil, nil, 0)
        }
        defer { PQclear(result) }
        return try readResult(result, handle: handle)
    }

    /// Runs SQL text as it is: several statements are allowed, parameters are not.
    /// For migrations and fixed administrative statements only; values go through `query(_:)`.
    @discardableResult
    public func execute(unsafeSQL sql: String) throws -> PostgresResult {
        let handle = try statementHandle()
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        return try readResult(result, handle: handle)
    }

    /// Streams the rows of a query one at a time (libpq's single-row mode), so a large result
    /// is never held in memory whole. Returns the number of rows read.
    @discardableResult
    public func stream(_ query: PostgresQuery, _ body: (PostgresRow) throws -> Void) throws -> Int {
        let handle = try statementHandle()
        let sent = withParameters(query.bindings) { values, types in
            PQsendQueryParams(handle, query.sql, Int32(query.bindings.count), types, values, nil, nil, 0)
        }
        guard sent == 1 else { throw PostgresError.server(nil, connection: handle) }
        guard PQsetSingleRowMode(handle) == 1 else {
            drainResults(handle)
            throw PostgresError(code: .protocolViolation, message: "could not enter single-row mode")
        }
        var count = 0
        var failure: Error?
        var columns: PostgresColumns?
        while let result = PQgetResult(handle) {
            defer { PQclear(result) }
            let status = PQresultStatus(result)
            if failure != nil { continue }  // keep draining until libpq returns NULL
            if status == PGRES_SINGLE_TUPLE {
                let cols = columns ?? readColumns(result)
                columns = cols
                do {
                    try body(readRow(result, row: 0, columns: cols))
                    count += 1
                } catch {
                    failure = error
                    // Ask the server to stop sending; the rows already under way are drained.
                    cancel(handle)
                }
            } else if status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK {
                failure = PostgresError.server(result, connection: handle)
            }
        }
        if let failure { throw failure }
        return count
    }

    private func cancel(_ handle: OpaquePointer) {
        guard let cancel = PQgetCancel(handle) else { return }
        defer { PQfreeCancel(cancel) }
        var buffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancel, &buffer, Int32(buffer.count))
    }

    func drainResults(_ handle: OpaquePointer) {
        while let result = PQgetResult(handle) { PQclear(result) }
    }

    func readResult(_ result: OpaquePointer?, handle: OpaquePointer) throws -> PostgresResult {
        guard let result else { throw PostgresError.server(nil, connection: handle) }
        let status = PQresultStatus(result)
        guard status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK else {
            if status == PGRES_COPY_IN || status == PGRES_COPY_OUT {
                throw PostgresError(code: .protocolViolation, message: "COPY must go through copyIn(_:_:)")
            }
            throw PostgresError.server(result, connection: handle)
        }
        let columns = readColumns(result)
        let rowCount = Int(PQntuples(result))
        var rows: [PostgresRow] = []
        rows.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            rows.append(readRow(result, row: Int32(row), columns: columns))
        }
        let affected = Int(String(cString: PQcmdTuples(result))) ?? 0
        return PostgresResult(columns: columns, rows: rows, affectedRows: affected)
    }

    private func readColumns(_ result: OpaquePointer) -> PostgresColumns {
        let count = Int(PQnfields(result))
        return PostgresColumns(names: (0..<count).map { String(cString: PQfname(result, Int32($0))) })
    }

    private func readRow(_ result: OpaquePointer, row: Int32, columns: PostgresColumns) -> PostgresRow {
        var cells: [String?] = []
        cells.reserveCapacity(columns.names.count)
        for column in 0..<Int32(columns.names.count) {
            if PQgetisnull(result, row, column) == 1 {
                cells.append(nil)
            } else {
                cells.append(String(cString: PQgetvalue(result, row, column)))
            }
        }
        return PostgresRow(columns: columns, cells: cells)
    }

    // MARK: Transactions

    /// Run at the start of every outermost transaction, right after `BEGIN`: a server sets the
    /// request's role and scope here (`SET LOCAL ROLE` and transaction-local settings), so every
    /// statement of the request runs under them and nothing outlives the transaction.
    public var transactionPrelude: PostgresQuery?

    /// How deep the open transactions are: 0 outside one, 1 in a transaction, more inside
    /// savepoints.
    public private(set) var transactionDepth = 0

    /// `BEGIN` and the prelude of the outermost transaction, not yet sent: they go with the
    /// transaction's first statement, in one round trip (`pipeline`), so a transaction of one
    /// statement costs two round trips (it and `COMMIT`) rather than four.
    var pendingBegin: [PostgresQuery]?

    /// Opens a transaction (with the prelude), or a savepoint inside an open one.
    ///
    /// The outermost `BEGIN` reaches the server with the first statement after it; a
    /// transaction that runs none sends nothing at all. A prelude that fails is reported by that
    /// first statement, and the transaction is then rolled back as for any failed statement.
    public func begin() throws {
        if transactionDepth == 0 {
            _ = try liveHandle
            pendingBegin = ["BEGIN"] + (transactionPrelude.map { [$0] } ?? [])
            transactionDepth = 1
        } else {
            try execute(unsafeSQL: "SAVEPOINT hocai_\(transactionDepth)")
            transactionDepth += 1
        }
    }

    /// Commits the innermost transaction (releases its savepoint when nested).
    public func commit() throws {
        precondition(transactionDepth > 0, "commit outside a transaction")
        if transactionDepth == 1 {
            transactionDepth = 0
            if pendingBegin != nil {
                pendingBegin = nil
                return
            }
            try execute(unsafeSQL: "COMMIT")
        } else {
            transactionDepth -= 1
            try execute(unsafeSQL: "RELEASE SAVEPOINT hocai_\(transactionDepth)")
        }
    }

    /// Rolls back the innermost transaction (to its savepoint when nested).
    public func rollback() throws {
        precondition(transactionDepth > 0, "rollback outside a transaction")
        if transactionDepth == 1 {
            transactionDepth = 0
            if pendingBegin != nil {
                pendingBegin = nil
                return
            }
            try executeAlways("ROLLBACK")
        } else {
            transactionDepth -= 1
            try executeAlways("ROLLBACK TO SAVEPOINT hocai_\(transactionDepth)")
            try executeAlways("RELEASE SAVEPOINT hocai_\(transactionDepth)")
        }
    }

    /// A rollback is sent even when the work is interrupted: it is how interrupted work ends.
    private func executeAlways(_ sql: String) throws {
        let handle = try liveHandle
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        _ = try readResult(result, handle: handle)
    }

    /// Runs `body` in a transaction (a savepoint when one is open): commits when it returns, rolls
    /// back when anything throws.
    public func transaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try begin()
        let value: T
        do {
            value = try body(self)
        } catch {
            do {
                try rollback()
            } catch let rollbackError {
                logger.error("rollback failed", metadata: ["error": "\(rollbackError)"])
            }
            throw error
        }
        try commit()
        return value
    }

    /// Whether the server has this connection in a transaction (libpq's view), whatever
    /// `transactionDepth` says: a pool checks it before handing the connection on.
    public var isIdle: Bool {
        guard let handle else { return false }
        return PQtransactionStatus(handle) == PQTRANS_IDLE && PQstatus(handle) == CONNECTION_OK
    }

    /// A token that cancels what this connection is running, usable from any thread (libpq's
    /// `PGcancel`): the blocked call then returns with an error (SQLSTATE 57014).
    public func cancelToken() throws -> PostgresCancelToken {
        guard let cancel = PQgetCancel(try liveHandle) else { throw PostgresError.connectionFailed("out of memory") }
        return PostgresCancelToken(cancel)
    }
}

/// Keeps the strings alive for the whole libpq call: each is copied with `strdup` and freed after.
private func withCStringArray<R>(
    _ strings: [String?], _ body: ([UnsafePointer<CChar>?]) throws -> R
) rethrows -> R {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { $0.flatMap { strdup($0) } }
    defer { copies.forEach { free($0) } }
    return try body(copies.map { $0.map { UnsafePointer($0) } } + [nil])
}

func withParameters<R>(
    _ bindings: PostgresBindings, _ body: ([UnsafePointer<CChar>?], [Oid]) -> R
) -> R {
    withCStringArray(bindings.values) { values in
        body(values, bindings.types.map { Oid($0) })
    }
}

/// Receives server notices (NOTICE, WARNING) and sends them to swift-log instead of stderr.
private final class NoticeSink {
    let logger: Logger
    init(logger: Logger) { self.logger = logger }
}

private func noticeReceiver(_ argument: UnsafeMutableRawPointer?, _ result: OpaquePointer?) {
    guard let argument, let result else { return }
    let sink = Unmanaged<NoticeSink>.fromOpaque(argument).takeUnretainedValue()
    let severity = PQresultErrorField(result, Int32(UInt8(ascii: "V"))).map { String(cString: $0) } ?? "NOTICE"
    let sqlState = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } ?? ""
    let message = PQresultErrorField(result, Int32(UInt8(ascii: "M"))).map { String(cString: $0) } ?? ""
    let level: Logger.Level = severity == "WARNING" ? .warning : .debug
    sink.logger.log(level: level, "postgres \(severity.lowercased())", metadata: [
        "sqlstate": "\(sqlState)", "message": "\(message)",
    ])
}

/// Cancels a connection's running statement from another thread or task (`PQcancel`, which
/// libpq documents as safe to call concurrently with the connection's own use).
public final class PostgresCancelToken: @unchecked Sendable {
    private let cancel: OpaquePointer

    init(_ cancel: OpaquePointer) {
        self.cancel = cancel
    }

    deinit { PQfreeCancel(cancel) }

    /// Sends the cancel request; `false` if it could not be sent.
    @discardableResult
    public func send() -> Bool {
        var buffer = [CChar](repeating: 0, count: 256)
        return PQcancel(cancel, &buffer, Int32(buffer.count)) == 1
    }
}
