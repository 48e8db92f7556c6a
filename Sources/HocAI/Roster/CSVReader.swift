import Foundation

/// One record of a delimited file: its cells and the physical line it starts on (header = 1).
public struct CSVRecord: Sendable, Equatable {
    public let line: Int
    public let fields: [String]
    /// The input ended inside this record's quoted cell: the rest of the file was read into it.
    public var unclosedQuote = false
    /// The physical line the record ends on: after `line` only where a quoted cell holds a line
    /// break (or a quote is never closed and swallows the lines after it).
    public var lastLine: Int

    public init(line: Int, fields: [String], unclosedQuote: Bool = false, lastLine: Int? = nil) {
        self.line = line
        self.fields = fields
        self.unclosedQuote = unclosedQuote
        self.lastLine = lastLine ?? line
    }

    /// Whether the record runs over more than one physical line.
    public var spansLines: Bool { lastLine > line || unclosedQuote }

    /// A line with nothing but empty cells (Excel writes `;;;;` for a blank row).
    public var isBlank: Bool { fields.allSatisfy(\.isEmpty) }

    /// Whether this record's line breaks are a quote gone wrong rather than cells typed with
    /// Alt+Enter (which Excel writes as a quoted cell over several lines, as RFC 4180 allows).
    ///
    /// Decided by counting cells, not by the line break alone: the input ended inside the quote,
    /// or some line inside a quoted cell would be a row of `columns` cells on its own (it holds
    /// `columns - 1` separators, at least two), so the quote swallowed whole rows. A note of two
    /// lines, or a name broken in two, holds no row's worth of separators.
    public func swallowedRows(columns: Int, delimiter: CSVDelimiter) -> Bool {
        if unclosedQuote { return true }
        guard lastLine > line else { return false }
        let separators = max(2, columns - 1)
        for field in fields where field.utf8.contains(0x0A) {
            for part in field.utf8.split(separator: 0x0A, omittingEmptySubsequences: true)
            where part.count(where: { $0 == delimiter.rawValue }) >= separators {
                return true
            }
        }
        return false
    }
}

/// The cell separators rosters use: `,`, `;` (Vietnamese Excel's list separator) and tab.
public enum CSVDelimiter: UInt8, Sendable, CaseIterable {
    case comma = 0x2C
    case semicolon = 0x3B
    case tab = 0x09

    public init?(name: String) {
        switch name {
        case ",", "comma": self = .comma
        case ";", "semicolon": self = .semicolon
        case "\t", "\\t", "tab": self = .tab
        default: return nil
        }
    }

    /// A cell as CSV writes it: quoted, quotes doubled, where it holds any of the three
    /// separators, a quote or a line break (quoting more than the file's own separator keeps the
    /// file readable whichever separator Excel's locale expects).
    public static func quoted(_ cell: String) -> String {
        guard cell.utf8.contains(where: { $0 == 0x2C || $0 == 0x3B || $0 == 0x09 || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D })
        else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The separator that occurs most often, outside quotes, in the first record's text.
    public static func detect(in head: some Collection<UInt8>) -> CSVDelimiter {
        var counts: [CSVDelimiter: Int] = [:]
        var inQuotes = false
        for byte in head {
            if byte == 0x22 { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if byte == 0x0A || byte == 0x0D { break }
            if let delimiter = CSVDelimiter(rawValue: byte) { counts[delimiter, default: 0] += 1 }
        }
        return allCases.max { (counts[$0] ?? 0) < (counts[$1] ?? 0) }.flatMap { (counts[$0] ?? 0) > 0 ? $0 : nil } ?? .comma
    }
}

/// A streaming RFC 4180 reader over UTF-8 bytes: fed chunk by chunk, it hands out whole records.
///
/// Handles CRLF, LF and lone CR line ends; quoted cells with the delimiter, doubled quotes and
/// line breaks inside them; a quote in the middle of an unquoted cell is kept as a character.
/// Line numbers count physical lines, so a record's number is where a clerk finds it in a text
/// editor (and, for files without line breaks in cells, in Excel).
public struct CSVReader {
    public let delimiter: CSVDelimiter
    /// The longest first record (the header) and the longest other record, in bytes. A file
    /// past them is refused (`RecordTooLong`) before it costs memory or time: a header line of
    /// 50 MB took 43 s of CPU to match, and a quote never closed can swallow a whole file.
    public var limits: (header: Int, record: Int) = (64 << 10, 16 << 20)

    /// A record longer than `limits` allow, and the line it starts on.
    public struct RecordTooLong: Error, Sendable, Equatable {
        public let line: Int
        public let isHeader: Bool
        public let limit: Int
    }

    private var recordsEmitted = 0
    /// The record being read; handed out whole, then emptied.
    private var current = CSVRecordBatch()
    private var inQuotes = false
    private var quoteInQuoted = false
    private var fieldStarted = false
    private var afterCR = false
    private var line = 1
    private var recordLine = 1

    public init(delimiter: CSVDelimiter) {
        self.delimiter = delimiter
    }

    /// Parses `bytes`, calling `emit` for each record completed in them.
    public mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, _ emit: (CSVRecord) throws -> Void) throws {
        try feed(cellsOf: bytes) { try emit($0.record(0)) }
    }

    /// Parses `bytes`, calling `emit` with each record completed in them, in a batch of one
    /// (its cells stay bytes until someone asks for `String`s).
    public mutating func feed(cellsOf bytes: UnsafeBufferPointer<UInt8>, _ emit: (CSVRecordBatch) throws -> Void) throws {
        let separator = delimiter.rawValue
        var index = 0
        while index < bytes.count {
            // Checked every 64 KiB a record grows, not every byte.
            if current.byteCount - checked > 1 << 16 {
                try checkLength()
                checked = current.byteCount
            }
            let byte = bytes[index]
            index += 1
            if afterCR {
                afterCR = false
                if byte == 0x0A { continue }  // the LF of a CRLF
            }
            if inQuotes {
                if quoteInQuoted {
                    quoteInQuoted = false
                    if byte == 0x22 { current.appendToCell(0x22); continue }  // "" inside quotes
                    inQuotes = false  // the closing quote; fall through to handle this byte
                } else if byte == 0x22 {
                    quoteInQuoted = true
                    continue
                } else if byte == 0x0D {
                    line += 1
                    afterCR = true
                    current.appendToCell(0x0A)
                    continue
                } else {
                    // A run up to the next quote or CR goes in whole.
                    let start = index - 1
                    if byte == 0x0A { line += 1 }
                    while index < bytes.count, bytes[index] != 0x22, bytes[index] != 0x0D {
                        if bytes[index] == 0x0A { line += 1 }
                        index += 1
                    }
                    current.appendToCell(UnsafeBufferPointer(rebasing: bytes[start..<index]))
                    continue
                }
            }
            switch byte {
            case separator:
                endField()
            case 0x0D:
                afterCR = true
                try endRecord(emit)
                line += 1
                recordLine = line
            case 0x0A:
                try endRecord(emit)
                line += 1
                recordLine = line
            case 0x22 where !fieldStarted:
                inQuotes = true
                fieldStarted = true
            default:
                // An unquoted cell: a run up to the next separator or line end goes in whole (a
                // quote in it is a character).
                fieldStarted = true
                let start = index - 1
                while index < bytes.count, bytes[index] != separator, bytes[index] != 0x0A, bytes[index] != 0x0D { index += 1 }
                current.appendToCell(UnsafeBufferPointer(rebasing: bytes[start..<index]))
            }
        }
    }

    /// Bytes of the record being read when its length was last checked.
    private var checked = 0

    private func checkLength() throws {
        let header = recordsEmitted == 0
        let limit = header ? limits.header : limits.record
        if current.byteCount > limit { throw RecordTooLong(line: recordLine, isHeader: header, limit: limit) }
    }

    /// Completes the last record when the input ends without a line break.
    public mutating func finish(_ emit: (CSVRecord) throws -> Void) throws {
        try finish(cells: { try emit($0.record(0)) })
    }

    /// Completes the last record when the input ends without a line break.
    public mutating func finish(cells emit: (CSVRecordBatch) throws -> Void) throws {
        if quoteInQuoted { quoteInQuoted = false; inQuotes = false }
        if inQuotes {
            // An unclosed quote: what follows it was read as one cell. Keep it rather than lose
            // the rows, and let the caller reject the record.
            inQuotes = false
            unclosedQuoteLine = recordLine
        }
        if fieldStarted || current.hasOpenCells || current.hasOpenCellBytes { try endRecord(emit) }
    }

    /// The line of the record whose quote was never closed, if the input ended inside quotes.
    public private(set) var unclosedQuoteLine: Int?

    private mutating func endField() {
        current.endCell()
        fieldStarted = false
    }

    private mutating func endRecord(_ emit: (CSVRecordBatch) throws -> Void) throws {
        try checkLength()
        endField()
        current.endRecord(line: recordLine, lastLine: line, unclosedQuote: unclosedQuoteLine == recordLine)
        defer {
            current.removeAll()
            checked = 0
        }
        recordsEmitted += 1
        try emit(current)
    }
}
