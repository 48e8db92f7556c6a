extension RosterFile {
    /// Reads the file's records, each handed to `handle` in a batch of one (its cells still
    /// bytes), with `delimiter`, or the one detected in the first chunk where it is nil.
    /// `progress` is told the bytes read after each chunk. Returns the delimiter used (nil for
    /// an empty file).
    @discardableResult
    func readRecords(
        delimiter: CSVDelimiter?, progress: (_ bytesRead: Int) -> Void = { _ in },
        _ handle: (CSVRecordBatch) throws -> Void
    ) throws -> CSVDelimiter? {
        var reader: CSVReader?
        try withUTF8Chunks { chunk, bytesRead in
            if reader == nil { reader = CSVReader(delimiter: delimiter ?? CSVDelimiter.detect(in: chunk)) }
            try reader!.feed(cellsOf: chunk, handle)
            progress(bytesRead)
        }
        try reader?.finish(cells: handle)
        return reader?.delimiter
    }
}
