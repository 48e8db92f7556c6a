import Foundation
import ZIPFoundation

/// Writes an .xlsx workbook: sheets streamed row by row into private temporary files, then
/// zipped (ZIPFoundation, deflate) into the target, which is replaced whole or not at all
/// (`OutputFile`). Text goes in as inline strings, so a cell is written once, as it comes; a
/// fixed set of styles covers what hocai writes (docs/workbooks.md says why this writer and not
/// libxlsxwriter, with the measurement).
public struct WorkbookWriter {
    /// A cell's value.
    public enum Value: Sendable, Equatable {
        case text(String)
        /// A number, written as its decimal text (exact for integers).
        case integer(Int)
        case number(Double)
        case date(CalendarDate)
        case empty
    }

    /// How a column's cells are shown, and typed cells in it are taken: `text` keeps a CCCD's or
    /// a phone's leading zeros, whatever a clerk types there later.
    public enum Format: Sendable {
        case general, text, date, percent, wrapped, month

        var style: Int {
            switch self {
            case .general: 0
            case .text: 1
            case .date: 2
            case .percent: 4
            case .wrapped: 5
            case .month: 6
            }
        }
    }

    public struct Column: Sendable {
        public var width: Double
        public var format: Format

        public init(width: Double, format: Format = .general) {
            self.width = width
            self.format = format
        }
    }

    /// A list to pick from (`type="list"`) on a range of one column, its values on another
    /// sheet's range (`'Danh mục'!$A$2:$A$93`).
    public struct Validation: Sendable {
        public var column: Int
        public var firstRow: Int
        public var lastRow: Int
        public var source: String
        public var prompt: String?

        public init(column: Int, firstRow: Int, lastRow: Int, source: String, prompt: String? = nil) {
            self.column = column
            self.firstRow = firstRow
            self.lastRow = lastRow
            self.source = source
            self.prompt = prompt
        }
    }

    private struct Sheet {
        let name: String
        let file: Snapshot
        let size: Int
    }

    private var sheets: [Sheet] = []

    public init() {}

    /// Excel's limit on a sheet's name, and characters it refuses there.
    static func sheetName(_ name: String) -> String {
        let cleaned = String(name.map { "[]:*?/\\".contains($0) ? "-" : $0 })
        return String(cleaned.prefix(31))
    }

    /// Adds a sheet: `header` in bold on row 1 unless empty, then the rows `body` writes. The
    /// first row stays in view when scrolling (`freezesFirstRow`, by default where there is a
    /// header).
    public mutating func addSheet(
        _ name: String, columns: [Column], header: [String], freezesFirstRow: Bool? = nil, validations: [Validation] = [],
        _ body: (inout Rows) throws -> Void
    ) throws {
        let file = try Snapshot()
        var rows = Rows(file: file, formats: columns.map(\.format))
        try rows.raw(#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n")
        try rows.raw(#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#)
        if freezesFirstRow ?? !header.isEmpty {
            try rows.raw(#"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#)
        }
        if !columns.isEmpty {
            try rows.raw("<cols>")
            for (index, column) in columns.enumerated() {
                try rows.raw(#"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(column.width)" style="\#(column.format.style)" customWidth="1"/>"#)
            }
            try rows.raw("</cols>")
        }
        try rows.raw("<sheetData>")
        if !header.isEmpty { try rows.append(header.map(Value.text), style: Self.headerStyle) }
        try body(&rows)
        try rows.raw("</sheetData>")
        if !validations.isEmpty {
            try rows.raw(#"<dataValidations count="\#(validations.count)">"#)
            for validation in validations {
                let letters = CellReference.letters(validation.column)
                let prompt = validation.prompt.map { #" showInputMessage="1" prompt="\#(XMLText.escaped(String($0.prefix(255))))""# } ?? ""
                try rows.raw(#"<dataValidation type="list" allowBlank="1" showErrorMessage="1"\#(prompt) sqref="\#(letters)\#(validation.firstRow):\#(letters)\#(validation.lastRow)"><formula1>\#(XMLText.escaped(validation.source))</formula1></dataValidation>"#)
            }
            try rows.raw("</dataValidations>")
        }
        try rows.raw("</worksheet>")
        try rows.flush()
        sheets.append(Sheet(name: Self.sheetName(name), file: file, size: rows.written))
    }

    /// A sheet's rows, written as they come.
    public struct Rows {
        fileprivate let file: Snapshot
        fileprivate let formats: [Format]
        private var buffer: [UInt8] = []
        fileprivate private(set) var written = 0
        public private(set) var row = 0

        fileprivate init(file: Snapshot, formats: [Format]) {
            self.file = file
            self.formats = formats
            buffer.reserveCapacity(1 << 20)
        }

        /// Column letters, worked out once for the columns rows have used.
        private var letters: [String] = []

        /// Appends a row; each cell takes its column's format unless `style` is given.
        public mutating func append(_ values: [Value], style: Int? = nil) throws {
            row += 1
            while letters.count < values.count { letters.append(CellReference.letters(letters.count + 1)) }
            let rowText = String(row)
            var line = #"<row r="\#(rowText)">"#
            for (index, value) in values.enumerated() {
                let reference = letters[index] + rowText
                let columnStyle = style ?? (index < formats.count ? formats[index].style : 0)
                let styleAttribute = columnStyle == 0 ? "" : #" s="\#(columnStyle)""#
                switch value {
                case .empty:
                    continue
                case .text(let text):
                    // Excel's limit for a cell's text.
                    let kept = text.count > 32_767 ? String(text.prefix(32_767)) : text
                    line += #"<c r="\#(reference)"\#(styleAttribute) t="inlineStr"><is><t xml:space="preserve">\#(XMLText.escaped(kept))</t></is></c>"#
                case .integer(let number):
                    line += #"<c r="\#(reference)"\#(styleAttribute)><v>\#(number)</v></c>"#
                case .number(let number):
                    guard number.isFinite else { continue }
                    line += #"<c r="\#(reference)"\#(styleAttribute)><v>\#(number)</v></c>"#
                case .date(let date):
                    // A date cell keeps a month column's format, any other a day's.
                    let serial = date.daysSinceEpoch - CalendarDate.excelEpoch.daysSinceEpoch
                    let dateStyle = columnStyle == Format.month.style ? columnStyle : Format.date.style
                    line += #"<c r="\#(reference)" s="\#(dateStyle)"><v>\#(serial)</v></c>"#
                }
            }
            line += "</row>"
            try raw(line)
        }

        fileprivate mutating func raw(_ text: String) throws {
            buffer.append(contentsOf: text.utf8)
            if buffer.count >= 1 << 20 { try flush() }
        }

        fileprivate mutating func flush() throws {
            try buffer.withUnsafeBufferPointer { try file.append($0) }
            written += buffer.count
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// Zips the workbook into `target`.
    public func write(to target: OutputFile) throws {
        let zip = try zipped(naming: target.path)
        guard let handle = FileHandle(forReadingAtPath: zip.path) else { throw HocAIError.outputFailed(target.path, errno: EIO) }
        defer { try? handle.close() }
        try target.write { writer in
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { try writer.write(chunk) }
        }
    }

    /// The workbook's bytes (a download).
    public func data() throws -> Data {
        let zip = try zipped(naming: "(workbook)")
        guard let handle = FileHandle(forReadingAtPath: zip.path) else { throw HocAIError.outputFailed("(workbook)", errno: EIO) }
        defer { try? handle.close() }
        return try handle.readToEnd() ?? Data()
    }

    /// The zip, in a private temporary file; `name` is what an error names.
    private func zipped(naming name: String) throws -> Snapshot {
        let zip = try Snapshot()
        // ZIPFoundation writes by path; the unlinked file's /dev/fd path is only this process's.
        // It updates an archive that exists: an empty one to start from (its end record alone).
        let emptyArchive: [UInt8] = [0x50, 0x4B, 0x05, 0x06] + Array(repeating: 0, count: 18)
        try emptyArchive.withUnsafeBufferPointer { try zip.append($0) }
        do {
            let archive = try Archive(url: URL(fileURLWithPath: zip.path), accessMode: .update)
            func add(_ path: String, _ text: String) throws {
                let data = Data(text.utf8)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: Self.stamp,
                                     compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            try add("[Content_Types].xml", WorkbookParts.contentTypes(sheets: sheets.count))
            try add("_rels/.rels", WorkbookParts.rootRelationships)
            try add("xl/workbook.xml", WorkbookParts.workbook(sheetNames: sheets.map(\.name)))
            try add("xl/_rels/workbook.xml.rels", WorkbookParts.workbookRelationships(sheets: sheets.count))
            try add("xl/styles.xml", WorkbookParts.styles)
            for (index, sheet) in sheets.enumerated() {
                guard let handle = FileHandle(forReadingAtPath: sheet.file.path) else { throw HocAIError.outputFailed(name, errno: EIO) }
                defer { try? handle.close() }
                try archive.addEntry(with: "xl/worksheets/sheet\(index + 1).xml", type: .file, uncompressedSize: Int64(sheet.size),
                                     modificationDate: Self.stamp, compressionMethod: .deflate, bufferSize: 1 << 16) { position, size in
                    try handle.seek(toOffset: UInt64(position))
                    return try handle.read(upToCount: size) ?? Data()
                }
            }
        } catch let error as HocAIError {
            throw error
        } catch {
            throw HocAIError.outputFailed(name, errno: EIO)
        }
        return zip
    }

    /// What an .xlsx file is served as.
    public static let mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// The style of a header cell (bold, grey, text) and of a text cell.
    public static let headerStyle = 3
    public static let textStyle = 1

    /// One modification time for every part, so the same content gives the same bytes.
    static let stamp = Date(timeIntervalSince1970: 1_577_836_800)
}
