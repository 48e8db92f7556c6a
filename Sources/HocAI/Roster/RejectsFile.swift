import Foundation

/// Writes rejected rows back in the shape they came in, for the clerk to fix in Excel and import
/// as they are: the input's own columns plus `line` and `error`, UTF-8 with a BOM (so Excel reads
/// the marks), comma-separated, cells that start with `=`, `+`, `-` or `@` escaped with a leading
/// apostrophe so no formula runs. The importer ignores the extra columns on re-import.
struct RejectsFile {
    static func write(
        to url: URL, header: [String], rows: [(record: CSVRecord, message: String)]
    ) throws {
        var text = "\u{FEFF}"
        func line(_ cells: [String]) {
            text += cells.map(escape).joined(separator: ",") + "\r\n"
        }
        line(header + ["line", "error"])
        for (record, message) in rows {
            var cells = record.fields
            if cells.count < header.count { cells += Array(repeating: "", count: header.count - cells.count) }
            line(cells + [String(record.line), message])
        }
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw HocAIError.fileUnreadable(url.path, reason: "không ghi được tệp lỗi / cannot write the rejects file")
        }
    }

    /// Quotes where CSV needs it and defuses formulas.
    static func escape(_ cell: String) -> String {
        var value = cell
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" }) {
            value = "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }
}
