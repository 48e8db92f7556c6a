/// Streams a sheet's rows as records, each in a batch of one as `CSVReader` hands them out: the
/// record's line is the sheet's row number and its cells stand where their column letters put
/// them (a gap is an empty cell). What each cell gives is text the CSV path reads the same way:
///
/// - text (shared, inline or a formula's) as it is;
/// - a number as its exact decimal digits, never a float's rounded text (`SheetNumber`), with
///   its leading zeros where its format shows them (`000000000000`);
/// - a date cell as `yyyy-mm-dd`, in the workbook's date system;
/// - a boolean as TRUE or FALSE, an error as Excel shows it (`#N/A`).
///
/// Merged cells: a value merged down over several rows counts on each of them. Above the header,
/// a title row (one cell, or only cells merged with the rows below, the upper half of a two-row
/// header) is skipped.
struct SheetReader {
    let workbook: Workbook

    func read(progress: (_ inflatedFraction: Double) -> Void, _ handle: (CSVRecordBatch) throws -> Void) throws {
        let archive = try WorkbookArchive(path: workbook.path, limits: workbook.limits)
        var handler = RowHandler(workbook: workbook)
        var scanner = XMLScanner()
        var inflated: Int64 = 0
        let total = max(workbook.sheetSize, 1)
        // The rows a chunk completes are handed on after it, each in a batch of one.
        var record = CSVRecordBatch()
        func handOn() throws {
            for index in 0..<handler.rows.count {
                record.removeAll()
                record.append(handler.rows, index)
                try handle(record)
            }
            handler.rows.removeAll()
        }
        try archive.read(workbook.sheetPart, limit: workbook.limits.sheetBytes) { chunk in
            try scanner.feed(chunk, &handler)
            try handOn()
            inflated += Int64(chunk.count)
            progress(Double(inflated) / Double(total))
        }
        do { try scanner.finish(&handler) } catch let error as XMLScanError { throw WorkbookError.xml(error, part: workbook.sheetPart) }
        try handOn()
    }
}

private struct RowHandler: XMLHandler {
    let workbook: Workbook
    /// Rows completed and not yet handed on.
    var rows = CSVRecordBatch()

    // Where the scan is.
    var inSheetData = false
    var rowNumber = 0
    var inRow = false
    var cellColumn = 0
    var cellType: CellType = .number
    var cellFormat: NumberFormat = .general
    var collecting = false
    var inInline = false
    var inPhonetic = false
    var value: [UInt8] = []

    /// The row's cells, by column, as bytes: `cells[i]` for column `columns[i]`.
    var columns: [Int] = []
    var cellBytes: [UInt8] = []
    var cellEnds: [Int] = []

    var headerSeen = false
    /// Values merged down: by column, the value and the last row it covers.
    var fills: [Int: (value: [UInt8], through: Int)] = [:]
    var nextMerge = 0

    enum CellType { case number, shared, inline, formulaText, boolean, error, isoDate }

    init(workbook: Workbook) {
        self.workbook = workbook
    }

    mutating func start(_ tag: XMLTag) throws {
        if !inSheetData {
            if tag.name.is("sheetData") { inSheetData = true }
            return
        }
        if tag.name.is("c") {
            cellColumn = tag.attributeBytes("r").flatMap(CellReference.column(of:)) ?? cellColumn + 1
            guard cellColumn <= CellReference.maximumColumn else { throw XMLScanError.malformed }
            cellType = switch tag.attributeBytes("t").map({ String(decoding: $0, as: UTF8.self) }) {
            case "s": .shared
            case "inlineStr": .inline
            case "str": .formulaText
            case "b": .boolean
            case "e": .error
            case "d": .isoDate
            default: .number
            }
            let style = tag.attributeBytes("s").flatMap { Int(String(decoding: $0, as: UTF8.self)) } ?? 0
            cellFormat = workbook.styles.format(style)
            value.removeAll(keepingCapacity: true)
        } else if tag.name.is("v") {
            collecting = cellType != .inline
        } else if tag.name.is("is") {
            inInline = true
        } else if tag.name.is("t") {
            collecting = inInline && !inPhonetic
        } else if tag.name.is("rPh") {
            inPhonetic = true
        } else if tag.name.is("row") {
            rowNumber = tag.attributeBytes("r").flatMap { Int(String(decoding: $0, as: UTF8.self)) } ?? rowNumber + 1
            guard rowNumber <= CellReference.maximumRow else { throw XMLScanError.malformed }
            inRow = true
            cellColumn = 0
            columns.removeAll(keepingCapacity: true)
            cellBytes.removeAll(keepingCapacity: true)
            cellEnds.removeAll(keepingCapacity: true)
        }
    }

    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>, raw: Bool) throws {
        guard collecting else { return }
        try XMLText.append(bytes, raw: raw, to: &value)
    }

    mutating func end(_ name: XMLName) throws {
        guard inSheetData else { return }
        if name.is("v") || name.is("t") {
            collecting = false
        } else if name.is("rPh") {
            inPhonetic = false
        } else if name.is("is") {
            inInline = false
        } else if name.is("c") {
            try endCell()
        } else if name.is("row") {
            inRow = false
            try endRow()
        } else if name.is("sheetData") {
            inSheetData = false
        }
    }

    private mutating func endCell() throws {
        let start = cellBytes.count
        switch cellType {
        case .shared:
            guard let index = Int(String(decoding: value, as: UTF8.self)),
                  workbook.sharedStrings.withBytes(index, { cellBytes.append(contentsOf: $0) }) != nil else {
                throw WorkbookError.damaged(workbook.sheetPart)
            }
        case .inline, .formulaText, .error, .isoDate:
            cellBytes.append(contentsOf: value)
        case .boolean:
            if !value.isEmpty { cellBytes.append(contentsOf: (value == [UInt8(ascii: "1")] ? "TRUE" : "FALSE").utf8) }
        case .number:
            if !value.isEmpty { SheetNumber.append(value, format: cellFormat, date1904: workbook.date1904, to: &cellBytes) }
        }
        guard cellBytes.count > start else { return }
        if cellBytes.count > workbook.limits.rowBytes { throw WorkbookError.rowTooLong(rowNumber, limit: workbook.limits.rowBytes) }
        columns.append(cellColumn)
        cellEnds.append(cellBytes.count)
    }

    private func bytes(at index: Int) -> ArraySlice<UInt8> {
        cellBytes[(index == 0 ? 0 : cellEnds[index - 1])..<cellEnds[index]]
    }

    private mutating func endRow() throws {
        applyMerges()
        if !headerSeen {
            guard !isTitle() else { return }
            if columns.isEmpty { return }
            headerSeen = true
        }
        var column = 1
        for index in columns.indices {
            while column < columns[index] {
                rows.endCell()
                column += 1
            }
            let slice = bytes(at: index)
            slice.withUnsafeBufferPointer { rows.appendToCell($0) }
            rows.endCell()
            column += 1
        }
        rows.endRecord(line: rowNumber, lastLine: rowNumber, unclosedQuote: false)
    }

    /// Fills this row's empty cells from values merged down onto it, and starts the merges whose
    /// top-left cell is on it.
    private mutating func applyMerges() {
        let merges = workbook.merges
        guard !merges.isEmpty || !fills.isEmpty else { return }
        fills = fills.filter { $0.value.through >= rowNumber }
        if !fills.isEmpty {
            var merged: [(column: Int, bytes: [UInt8])] = columns.indices.map { (columns[$0], Array(bytes(at: $0))) }
            for (column, fill) in fills where !merged.contains(where: { $0.column == column }) {
                merged.append((column, fill.value))
            }
            merged.sort { $0.column < $1.column }
            columns = merged.map(\.column)
            cellBytes = merged.flatMap(\.bytes)
            var end = 0
            cellEnds = merged.map { end += $0.bytes.count; return end }
        }
        while nextMerge < merges.count && merges[nextMerge].first.row < rowNumber { nextMerge += 1 }
        var index = nextMerge
        while index < merges.count && merges[index].first.row == rowNumber {
            let range = merges[index]
            if range.last.row > rowNumber, let position = columns.firstIndex(of: range.first.column) {
                fills[range.first.column] = (Array(bytes(at: position)), range.last.row)
            }
            index += 1
        }
    }

    /// A row above the header that is a title: one cell at most, or only cells that start a
    /// merge reaching below this row (the upper half of a two-row header).
    private func isTitle() -> Bool {
        if columns.count <= 1 { return true }
        let starting = workbook.merges.filter { $0.first.row == rowNumber }
        return columns.allSatisfy { column in starting.contains { $0.first.column == column } }
            && starting.contains { $0.last.row > rowNumber }
    }
}
