@testable import HocAI
import Testing

@Suite("Row fingerprints and record batches")
struct RowFingerprintTests {
    let header = ["Họ và tên", "Số CCCD", "Mã lớp"]

    /// The records of `text`, in one batch, as the importer gathers them.
    func batch(_ text: String, delimiter: CSVDelimiter = .comma) throws -> CSVRecordBatch {
        var reader = CSVReader(delimiter: delimiter)
        var batch = CSVRecordBatch()
        var bytes = Array(text.utf8)
        try bytes.withUnsafeMutableBufferPointer { try reader.feed(cellsOf: UnsafeBufferPointer($0)) { batch.append($0) } }
        try reader.finish(cells: { batch.append($0) })
        return batch
    }

    func fingerprints(_ text: String, center: String = "TT01", header: [String]? = nil) throws -> [String] {
        let records = try batch(text)
        var fingerprint = RowFingerprint(kind: .learners, centerCode: center, header: header ?? self.header)
        return (0..<records.count).map { fingerprint.text(of: records, record: $0) }
    }

    @Test func aBatchKeepsCellsLinesAndBlankRecords() throws {
        let records = try batch("a,\"b,c\",d\n,,\n\"x\ny\",z\n")
        #expect(records.count == 3)
        #expect(records.record(0).fields == ["a", "b,c", "d"])
        #expect((0..<3).map(records.line) == [1, 2, 3])
        #expect((0..<3).map(records.isBlank) == [false, true, false])
        #expect(records.cell(0, of: 2) == "x\ny")
        #expect(records.cell(5, of: 2) == "")
        var copy = CSVRecordBatch()
        copy.append(records)
        copy.append(line: 9, fields: ["p", "q"])
        #expect((0..<copy.count).map { copy.record($0).fields } == [["a", "b,c", "d"], ["", "", ""], ["x\ny", "z"], ["p", "q"]])
        #expect(copy.line(3) == 9)
    }

    @Test func theSameCellsFingerprintAlikeHoweverQuoted() throws {
        let plain = try fingerprints("Hà Thị Mai,019195000501,TT01-A1\n")
        let quoted = try fingerprints("\"Hà Thị Mai\",\"019195000501\",TT01-A1\r\n")
        #expect(plain == quoted)
        #expect(plain[0].count == 34 && plain[0].hasPrefix("\\x"))
        #expect(plain[0].dropFirst(2).allSatisfy { "0123456789abcdef".contains($0) })
    }

    @Test func cellsBoundariesCentreAndHeaderAllCount() throws {
        let row = try fingerprints("ab,c,TT01-A1\n")[0]
        #expect(try fingerprints("a,bc,TT01-A1\n")[0] != row)
        #expect(try fingerprints("ab,c,TT01-A1,\n")[0] != row)
        #expect(try fingerprints("ab,c,TT01-A1\n", center: "TT02")[0] != row)
        #expect(try fingerprints("ab,c,TT01-A1\n", header: ["Họ tên", "Số CCCD", "Mã lớp"])[0] != row)
        #expect(try fingerprints("ab,c,TT01-A2\n")[0] != row)
        #expect(try fingerprints("ab,c,TT01-A1\n")[0] == row)
    }

    @Test func aLineSetHoldsWhatWasInsertedAndNotRemoved() throws {
        var lines = LineSet()
        for line in [2, 3, 64, 1_000_000] { lines.insert(line) }
        lines.insert(3)
        lines.remove(64)
        lines.remove(65)
        lines.remove(5_000_000)
        #expect(lines.count == 3)
        #expect([1, 2, 3, 63, 64, 65, 999_999, 1_000_000, 5_000_000, -1].map(lines.contains)
            == [false, true, true, false, false, false, false, true, false, false])
    }
}
