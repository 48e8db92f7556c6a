/// The rejected rows written back in the shape they came in, for the clerk to fix in Excel and
/// import as they are: the input's own columns plus `line` and `error`, UTF-8 with a BOM (so
/// Excel reads the marks), comma-separated. A cell that a spreadsheet would run as a formula
/// (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets Excel's text marker, a
/// leading `'`, which the importer takes off again (`SpreadsheetCell`).
///
/// A workbook's rejects are a workbook (`RejectsWorkbook`): the same columns, every cell text.
///
/// A rejects file imported again, fixed or not, is a roster like any other: its `line` and
/// `error` columns are hocai's own, ignored on import and written afresh (not added twice) when
/// its rows are rejected again.
struct RejectsFile {
    /// hocai's own columns, after the input's.
    static let ownColumns = ["line", "error"]

    /// Positions of the input's header cells that are hocai's own columns (a rejects file sent
    /// back), dropped from each row before the fresh ones are added.
    private let ownPositions: Set<Int>
    private let headerCount: Int

    /// The header: the input's without hocai's columns, then hocai's.
    let headerCells: [String]

    init(header: [String]) {
        let own = Set(header.indices.filter { Self.ownColumns.contains(header[$0]) })
        ownPositions = own
        headerCount = header.count
        headerCells = header.indices.filter { !own.contains($0) }.map { header[$0] } + Self.ownColumns
    }

    /// The CSV file's first line (with a BOM).
    var firstLine: String { "\u{FEFF}" + Self.line(headerCells) }

    /// A rejected record's cells as they came, without hocai's own columns. A record longer than
    /// the header keeps every cell (the extra cells are why it was rejected), so nothing the
    /// centre sent is lost.
    func cells(of record: CSVRecord) -> [String] {
        var cells = record.fields
        if cells.count <= headerCount {
            cells += Array(repeating: "", count: headerCount - cells.count)
            cells = cells.indices.filter { !ownPositions.contains($0) }.map { cells[$0] }
        }
        return cells
    }

    /// A rejected record with its line and errors, as a CSV line.
    func line(for record: CSVRecord, error: String) -> String {
        Self.line(cells(of: record) + [String(record.line), error])
    }

    private static func line(_ cells: [String]) -> String {
        cells.map(escape).joined(separator: ",") + "\r\n"
    }

    /// Quotes where CSV needs it and defuses formulas.
    static func escape(_ cell: String) -> String {
        var value = cell
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { value = "'" + value }
        return CSVDelimiter.quoted(value)
    }
}
