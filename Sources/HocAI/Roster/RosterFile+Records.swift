extension RosterFile {
    /// Reads the file's records, each handed to `handle` in a batch of one (its cells still
    /// bytes), with `delimiter`, or the one detected in the first chunk where it is nil; a
    /// workbook's sheet row by row (`SheetReader`, no delimiter).
    /// `progress` is told the bytes read after each chunk. Returns the delimiter used (nil for
    /// an empty file).
    @discardableResult
    func readRecords(
        delimiter: CSVDelimiter?, started: (CSVDelimiter) -> Void = { _ in }, progress: (_ bytesRead: Int) -> Void = { _ in },
        _ handle: (CSVRecordBatch) throws -> Void
    ) throws -> CSVDelimiter? {
        if let workbook {
            try SheetReader(workbook: workbook).read(progress: { progress(Int($0 * Double(size))) }, handle)
            return nil
        }
        var reader: CSVReader?
        do {
            try withUTF8Chunks { chunk, bytesRead in
                if reader == nil {
                    reader = CSVReader(delimiter: delimiter ?? CSVDelimiter.detect(in: chunk))
                    started(reader!.delimiter)
                }
                try reader!.feed(cellsOf: chunk, handle)
                progress(bytesRead)
            }
            try reader?.finish(cells: handle)
        } catch let tooLong as CSVReader.RecordTooLong {
            throw HocAIError.fileRejected(tooLong.isHeader ? LocalizedText(
                vi: "Dòng đầu tiên (dòng tiêu đề, dòng \(tooLong.line)) dài hơn \(tooLong.limit >> 10) KiB: tệp không phải danh sách CSV, hoặc sai dấu phân cách hay mã ký tự. Kiểm tra tệp; chưa có gì được ghi.",
                en: "The first row (the header, line \(tooLong.line)) is longer than \(tooLong.limit >> 10) KiB: the file is not a CSV roster, or the delimiter or encoding is wrong. Check the file; nothing was written.")
            : LocalizedText(
                vi: "Dòng \(tooLong.line) dài hơn \(tooLong.limit >> 20) MiB: có lẽ một dấu ngoặc kép ở dòng đó không được đóng và nuốt phần còn lại của tệp. Sửa dòng đó rồi nhập lại; chưa có gì được ghi.",
                en: "Line \(tooLong.line) is longer than \(tooLong.limit >> 20) MiB: a quote on it is probably never closed and swallows the rest of the file. Fix that line and import again; nothing was written."))
        }
        return reader?.delimiter
    }
}
