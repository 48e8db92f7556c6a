/// The rejects of a workbook roster, as a workbook: the roster's columns and hocai's `line` and
/// `error`, every cell of the roster written as text (a CCCD that lost its zeros stays those
/// digits; a date stays the text it was read as), so that saving it again in Excel or LibreOffice
/// changes nothing. Imported again unchanged, it gives the same rejects and accepts nothing.
enum RejectsWorkbook {
    /// Adds the sheet; `rows` calls its argument with the layout and no record for the header,
    /// then with each rejected record and its errors (as `RosterImporter.walkRejects` does).
    static func add(
        to workbook: inout WorkbookWriter, language: Language,
        _ rows: ((RejectsFile, CSVRecord?, String) throws -> Void) throws -> Void
    ) throws {
        let name = language.text(.rejectedRowsSheet)
        try workbook.addSheet(name, columns: [], header: [], freezesFirstRow: true) { sheet in
            try rows { layout, record, error in
                guard let record else {
                    try sheet.append(layout.headerCells.map(WorkbookWriter.Value.text), style: WorkbookWriter.headerStyle)
                    return
                }
                try sheet.append(
                    layout.cells(of: record).map(WorkbookWriter.Value.text) + [.text(String(record.line)), .text(error)],
                    style: WorkbookWriter.textStyle)
            }
        }
    }
}
