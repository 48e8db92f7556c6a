import CLibPQ

/// Builds the data of a `COPY … FROM STDIN` in PostgreSQL's text format and sends it in large chunks.
///
/// Values are escaped as the text format requires (backslash, tab, newline, carriage return),
/// `nil` is written as `\N`, and byte counts are UTF-8 bytes, never characters.
public struct PostgresCopyWriter: ~Copyable {
    /// Bytes gathered before one `PQputCopyData` call.
    public static let chunkSize = 1 << 20

    private let handle: OpaquePointer
    private var buffer: [UInt8] = []
    public private(set) var rowsWritten = 0
    public private(set) var bytesSent = 0

    init(handle: OpaquePointer) {
        self.handle = handle
        buffer.reserveCapacity(Self.chunkSize + 4096)
    }

    /// Appends one row; its values must be in the order of the COPY's column list.
    public mutating func writeRow(_ values: [String?]) throws {
        for (index, value) in values.enumerated() {
            if index > 0 { buffer.append(0x09) }
            if let value {
                appendEscaped(value)
            } else {
                buffer.append(0x5C); buffer.append(0x4E)  // \N
            }
        }
        buffer.append(0x0A)
        rowsWritten += 1
        if buffer.count >= Self.chunkSize { try flush() }
    }

    private mutating func appendEscaped(_ value: String) {
        let utf8 = value.utf8
        if !utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            buffer.append(contentsOf: utf8)
            return
        }
        for byte in utf8 {
            switch byte {
            case 0x5C: buffer.append(0x5C); buffer.append(0x5C)
            case 0x09: buffer.append(0x5C); buffer.append(0x74)
            case 0x0A: buffer.append(0x5C); buffer.append(0x6E)
            case 0x0D: buffer.append(0x5C); buffer.append(0x72)
            default: buffer.append(byte)
            }
        }
    }

    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        let status = buffer.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                PQputCopyData(handle, chars.baseAddress, Int32(chars.count))
            }
        }
        guard status == 1 else {
            throw PostgresError(code: .copyAborted, message: String(cString: PQerrorMessage(handle)).trimmingTrailingNewlines())
        }
        bytesSent += buffer.count
        buffer.removeAll(keepingCapacity: true)
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
        let handle = try liveHandle
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
