import HocAI
import Testing

@Suite("CSV reader")
struct CSVReaderTests {
    func read(_ text: String, delimiter: CSVDelimiter = .comma, chunk: Int = 1 << 20) throws -> [CSVRecord] {
        var reader = CSVReader(delimiter: delimiter)
        var records: [CSVRecord] = []
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(start + chunk, bytes.count)
            try bytes[start..<end].withUnsafeBufferPointer { try reader.feed($0) { records.append($0) } }
            start = end
        }
        try reader.finish { records.append($0) }
        return records
    }

    @Test func quotesDelimitersDoubledQuotesAndLineBreaksInsideQuotes() throws {
        let text = "a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n1,2,3\n"
        let records = try read(text)
        #expect(records.map(\.fields) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["1", "2", "3"]])
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test(arguments: ["\r\n", "\n", "\r"])
    func everyLineEnding(_ ending: String) throws {
        let records = try read(["h1;h2", "a;b", "", "c;d"].joined(separator: ending) + ending, delimiter: .semicolon)
        #expect(records.map(\.fields) == [["h1", "h2"], ["a", "b"], [""], ["c", "d"]])
        #expect(records.map(\.line) == [1, 2, 3, 4])
        #expect(records[2].isBlank)
    }

    @Test func aQuotedCRLFCountsAsOneLine() throws {
        let records = try read("h\r\n\"a\r\nb\"\r\nc\r\n")
        #expect(records.map(\.fields) == [["h"], ["a\nb"], ["c"]])
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test func chunkBoundariesDoNotMatter() throws {
        let text = "Họ và tên,Số CCCD\r\n\"Nguyễn, Văn \"\"A\"\"\",019085000001\r\nTrần Thị B,006190000002\r\n"
        let whole = try read(text)
        for size in [1, 2, 3, 5, 7] {
            #expect(try read(text, chunk: size) == whole, "chunk \(size)")
        }
    }

    @Test func lastRecordWithoutLineBreakAndUnclosedQuote() throws {
        let records = try read("a,b\n1,2")
        #expect(records.last?.fields == ["1", "2"])
        let open = try read("a,b\n1,\"2\n3,4\n")
        #expect(open.count == 2)
        #expect(open[1].unclosedQuote)
        #expect(open[1].fields == ["1", "2\n3,4\n"])
    }

    @Test func aStrayQuoteInsideAnUnquotedCellIsKept() throws {
        #expect(try read("a 5\" b,c\n").first?.fields == ["a 5\" b", "c"])
    }

    @Test(arguments: [("a,b,c", CSVDelimiter.comma), ("a;b;c", .semicolon), ("a\tb\tc", .tab), ("\"x;y\",b,c", .comma), ("single", .comma)])
    func detectsTheDelimiterFromTheHeader(_ header: String, _ expected: CSVDelimiter) throws {
        #expect(CSVDelimiter.detect(in: Array((header + "\nrest;;;;;;").utf8)) == expected)
    }
}
