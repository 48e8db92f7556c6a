/// Records of a delimited file side by side: every cell's bytes in one array and where each cell
/// ends in another, so a few thousand records cost three arrays rather than a `String` per cell.
///
/// `CSVReader` hands out each record in a batch of one; the importer gathers them into a wave
/// and its workers make `String`s (`record(_:)`) or read the bytes (`withCells(of:_:)`) in
/// parallel, while the thread reading the file only copies bytes.
public struct CSVRecordBatch: Sendable {
    private var bytes: [UInt8] = []
    /// Where each cell's bytes end in `bytes`.
    private var cellEnds: [Int] = []
    private var entries: [Entry] = []

    private struct Entry: Sendable {
        var line: Int
        /// The physical line the record ends on.
        var lastLine: Int
        /// Where the record's cells end in `cellEnds`.
        var cellEnd: Int
        var unclosedQuote: Bool
    }

    public init() {}

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }

    /// The physical line record `index` starts on (the header is line 1).
    public func line(_ index: Int) -> Int { entries[index].line }

    private func cellRange(_ index: Int) -> Range<Int> {
        (index == 0 ? 0 : entries[index - 1].cellEnd)..<entries[index].cellEnd
    }

    private func byteRange(ofCell cell: Int) -> Range<Int> {
        (cell == 0 ? 0 : cellEnds[cell - 1])..<cellEnds[cell]
    }

    /// A record with nothing but empty cells (Excel writes `;;;;` for a blank row).
    public func isBlank(_ index: Int) -> Bool {
        let cells = cellRange(index)
        return cells.isEmpty || byteRange(ofCell: cells.lowerBound).lowerBound == cellEnds[cells.upperBound - 1]
    }

    /// Record `index` with a `String` per cell.
    public func record(_ index: Int) -> CSVRecord {
        let fields = bytes.withUnsafeBufferPointer { bytes in
            cellRange(index).map { String(decoding: UnsafeBufferPointer(rebasing: bytes[byteRange(ofCell: $0)]), as: UTF8.self) }
        }
        return CSVRecord(
            line: entries[index].line, fields: fields, unclosedQuote: entries[index].unclosedQuote, lastLine: entries[index].lastLine)
    }

    /// Calls `body` with each cell's bytes of record `index`, in order.
    public func withCells(of index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try bytes.withUnsafeBufferPointer { bytes in
            for cell in cellRange(index) { try body(UnsafeBufferPointer(rebasing: bytes[byteRange(ofCell: cell)])) }
        }
    }

    /// Cell `column` (0-based) of record `index`, or "" where the record is shorter.
    public func cell(_ column: Int, of index: Int) -> String {
        let cells = cellRange(index)
        guard column < cells.count else { return "" }
        return bytes.withUnsafeBufferPointer { bytes in
            String(decoding: UnsafeBufferPointer(rebasing: bytes[byteRange(ofCell: cells.lowerBound + column)]), as: UTF8.self)
        }
    }

    /// Appends every record of `other`.
    public mutating func append(_ other: CSVRecordBatch) {
        let byteBase = bytes.count, cellBase = cellEnds.count
        bytes.append(contentsOf: other.bytes)
        cellEnds.append(contentsOf: other.cellEnds.lazy.map { $0 + byteBase })
        entries.append(contentsOf: other.entries.lazy.map {
            Entry(line: $0.line, lastLine: $0.lastLine, cellEnd: $0.cellEnd + cellBase, unclosedQuote: $0.unclosedQuote)
        })
    }

    /// Appends record `index` of `other`.
    mutating func append(_ other: CSVRecordBatch, _ index: Int) {
        for cell in other.cellRange(index) {
            bytes.append(contentsOf: other.bytes[other.byteRange(ofCell: cell)])
            endCell()
        }
        let entry = other.entries[index]
        endRecord(line: entry.line, lastLine: entry.lastLine, unclosedQuote: entry.unclosedQuote)
    }

    /// Appends a record given by its cells (rows built in code).
    public mutating func append(line: Int, fields: [String]) {
        for field in fields {
            bytes.append(contentsOf: field.utf8)
            endCell()
        }
        endRecord(line: line, lastLine: line, unclosedQuote: false)
    }

    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        cellEnds.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
    }

    // The reader's side: the record being read grows at the end.

    mutating func appendToCell(_ byte: UInt8) { bytes.append(byte) }
    mutating func appendToCell(_ run: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: run) }
    mutating func endCell() { cellEnds.append(bytes.count) }
    mutating func endRecord(line: Int, lastLine: Int, unclosedQuote: Bool) {
        entries.append(Entry(line: line, lastLine: lastLine, cellEnd: cellEnds.count, unclosedQuote: unclosedQuote))
    }
    /// Bytes held (the reader's size limit reads it).
    var byteCount: Int { bytes.count }
    /// Cells ended since the last record (the record being read has some).
    var hasOpenCells: Bool { cellEnds.count > (entries.last?.cellEnd ?? 0) }
    /// Bytes added since the last cell ended.
    var hasOpenCellBytes: Bool { bytes.count > (cellEnds.last ?? 0) }
}
