import Foundation

/// Writes rejected rows back in the shape they came in, for the clerk to fix in Excel and import
/// as they are: the input's own columns plus `line` and `error`, UTF-8 with a BOM (so Excel reads
/// the marks), comma-separated, cells that start with `=`, `+`, `-` or `@` escaped with a leading
/// apostrophe so no formula runs. The importer ignores the extra columns on re-import.
///
/// Written as it goes, in 1 MiB pieces, so a file with many rejects costs no memory.
final class RejectsFile {
    private let handle: FileHandle
    private let url: URL
    private var header: [String] = []
    private var buffer = "\u{FEFF}"

    init(url: URL) throws {
        self.url = url
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: url.path) else {
            throw HocAIError.fileUnreadable(url.path, reason: "không ghi được tệp lỗi / cannot write the rejects file")
        }
        self.handle = handle
    }

    func writeHeader(_ header: [String]) throws {
        self.header = header
        try line(header + ["line", "error"])
    }

    func write(_ record: CSVRecord, error: String) throws {
        var cells = record.fields
        if cells.count < header.count { cells += Array(repeating: "", count: header.count - cells.count) }
        try line(cells + [String(record.line), error])
    }

    func close() throws {
        try flush()
        try handle.close()
    }

    private func line(_ cells: [String]) throws {
        buffer += cells.map(Self.escape).joined(separator: ",") + "\r\n"
        if buffer.utf8.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        do {
            try handle.write(contentsOf: Data(buffer.utf8))
        } catch {
            throw HocAIError.fileUnreadable(url.path, reason: "không ghi được tệp lỗi / cannot write the rejects file")
        }
        buffer = ""
    }

    /// Quotes where CSV needs it and defuses formulas.
    static func escape(_ cell: String) -> String {
        var value = cell
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        return CSVDelimiter.quoted(value)
    }
}
