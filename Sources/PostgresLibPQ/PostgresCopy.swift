import CLibPQ

/// Rows in the text format of `COPY … FROM STDIN`, built apart from any connection (on a
/// worker thread, say) and handed to `PostgresCopyWriter.write(_:)` whole.
///
/// Values are escaped as the text format requires (backslash, tab, newline, carriage return),
/// `nil` is written as `\N`, and byte counts are UTF-8 bytes, never characters.
public struct PostgresCopyRows: Sendable {
    public private(set) var bytes: [UInt8] = []
    public private(set) var count = 0

    public init(reservingCapacity capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends one row; its values must be in the order of the COPY's column list.
    public mutating func append(_ values: [String?]) {
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(0x09) }
            if let value {
                appendEscaped(value)
            } else {
                bytes.append(0x5C); bytes.append(0x4E)  // \N
            }
        }
        bytes.append(0x0A)
        count += 1
    }

    private mutating func appendEscaped(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            // Runs without a special byte go in whole; the four COPY text escapes in between.
            var start = 0
            for index in 0..<utf8.count {
                let escape: UInt8
                switch utf8[index] {
                case 0x5C: escape = 0x5C
                case 0x09: escape = 0x74
                case 0x0A: escape = 0x6E
                case 0x0D: escape = 0x72
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                bytes.append(0x5C)
                bytes.append(escape)
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<utf8.count]))
        }
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        count = 0
    }
}

/// Sends the data of a `COPY … FROM STDIN` in large chunks.
public struct PostgresCopyWriter: ~Copyable {
    /// Bytes gathered before one `PQputCopyData` call.
    public static let chunkSize = 1 << 20

    private let handle: OpaquePointer
    private var pending = PostgresCopyRows(reservingCapacity: PostgresCopyWriter.chunkSize + 4096)
    public private(set) var rowsWritten = 0
    public private(set) var bytesSent = 0

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    /// Appends one row; its values must be in the order of the COPY's column list.
    public mutating func writeRow(_ values: [String?]) throws {
        pending.append(values)
        rowsWritten += 1
        if pending.bytes.count >= Self.chunkSize { try flush() }
    }

    /// Sends rows built elsewhere, after those written before.
    public mutating func write(_ rows: PostgresCopyRows) throws {
        try flush()
        try send(rows.bytes)
        rowsWritten += rows.count
    }

    mutating func flush() throws {
        try send(pending.bytes)
        pending.removeAll()
    }

    private mutating func send(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        let status = bytes.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                PQputCopyData(handle, chars.baseAddress, Int32(chars.count))
            }
        }
        guard status == 1 else {
            throw PostgresError(code: .copyAborted, message: String(cString: PQerrorMessage(handle)).trimmingTrailingNewlines())
        }
        bytesSent += bytes.count
    }
}

extension PostgresConnection {
    /// Runs a `COPY … FROM STDIN` statement and feeds it the rows `produce` writes.
    ///
    /// When `produce` throws, the COPY is ended with an error (`PQputCopyEnd` with a message), so the
    /// server discards everything sent, and the producer's error is rethrown. Results are read until
    /// libpq returns NULL in every case, leaving the connection ready for the next command.
    /// Returns the number of rows the server stored.
    @discardableResult
    public func copyIn(_ statement: PostgresQuery, _ produce: (inout PostgresCopyWriter) throws -> Void) throws -> Int {
        let handle = try statementHandle()
        guard statement.bindings.count == 0 else {
            throw PostgresError(code: .protocolViolation, message: "COPY takes no parameters")
        }
        guard let start = PQexec(handle, statement.sql) else {
            throw PostgresError.server(nil, connection: handle)
        }
        let status = PQresultStatus(start)
        if status != PGRES_COPY_IN {
            let error = PostgresError.server(start, connection: handle)
            PQclear(start)
            drainResults(handle)
            throw error
        }
        PQclear(start)

        var writer = PostgresCopyWriter(handle: handle)
        var producerError: Error?
        do {
            try produce(&writer)
            try writer.flush()
        } catch {
            producerError = error
        }
        let endMessage = producerError.map { _ in "hocai: the data producer failed; COPY aborted" }
        let ended = PQputCopyEnd(handle, endMessage)

        var serverError: PostgresError?
        var copied = 0
        while let result = PQgetResult(handle) {
            defer { PQclear(result) }
            let status = PQresultStatus(result)
            if status == PGRES_COMMAND_OK {
                copied = Int(String(cString: PQcmdTuples(result))) ?? writer.rowsWritten
            } else if status == PGRES_COPY_IN {
                // Still in COPY state (a failed putCopyEnd): end it again so the loop can finish.
                _ = PQputCopyEnd(handle, "hocai: COPY ended")
            } else if serverError == nil {
                serverError = PostgresError.server(result, connection: handle)
            }
        }
        if let producerError { throw producerError }
        if ended != 1 {
            throw PostgresError(code: .copyAborted, message: String(cString: PQerrorMessage(handle)).trimmingTrailingNewlines())
        }
        if let serverError { throw serverError }
        return copied
    }
}
