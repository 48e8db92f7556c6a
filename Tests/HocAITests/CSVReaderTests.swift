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

    /// The shapes of csv-spectrum (the common test files for CSV readers), with the cells each
    /// must give; none of them is a quote that swallowed rows.
    @Test(arguments: [
        ("comma_in_quotes", "first,last,address,city,zip\nJohn,Doe,120 any st.,\"Anytown, WW\",08123\n",
         [["first", "last", "address", "city", "zip"], ["John", "Doe", "120 any st.", "Anytown, WW", "08123"]]),
        ("empty", "a,b,c\n1,\"\",\"\"\n2,3,4\n", [["a", "b", "c"], ["1", "", ""], ["2", "3", "4"]]),
        ("empty_crlf", "a,b,c\r\n1,\"\",\"\"\r\n2,3,4\r\n", [["a", "b", "c"], ["1", "", ""], ["2", "3", "4"]]),
        ("escaped_quotes", "a,b\n1,\"ha \"\"ha\"\" ha\"\n3,4\n", [["a", "b"], ["1", "ha \"ha\" ha"], ["3", "4"]]),
        ("json", "key,val\n1,\"{\"\"type\"\": \"\"Point\"\", \"\"coordinates\"\": [102.0, 0.5]}\"\n",
         [["key", "val"], ["1", "{\"type\": \"Point\", \"coordinates\": [102.0, 0.5]}"]]),
        ("newlines", "a,b,c\n1,2,3\n\"Once upon \na time\",5,6\n7,8,9\n",
         [["a", "b", "c"], ["1", "2", "3"], ["Once upon \na time", "5", "6"], ["7", "8", "9"]]),
        ("newlines_crlf", "a,b,c\r\n1,2,3\r\n\"Once upon \r\na time\",5,6\r\n7,8,9\r\n",
         [["a", "b", "c"], ["1", "2", "3"], ["Once upon \na time", "5", "6"], ["7", "8", "9"]]),
        ("quotes_and_newlines", "a,b\n1,\"ha \n\"\"ha\"\" \nha\"\n3,4\n", [["a", "b"], ["1", "ha \n\"ha\" \nha"], ["3", "4"]]),
        ("simple", "a,b,c\n1,2,3\n", [["a", "b", "c"], ["1", "2", "3"]]),
        ("simple_crlf", "a,b,c\r\n1,2,3\r\n", [["a", "b", "c"], ["1", "2", "3"]]),
        ("utf8", "a,b,c\n1,2,3\n4,5,ʤ\n", [["a", "b", "c"], ["1", "2", "3"], ["4", "5", "ʤ"]]),
    ])
    func csvSpectrum(_ name: String, _ text: String, _ expected: [[String]]) throws {
        let records = try read(text)
        #expect(records.map(\.fields) == expected, "\(name)")
        let columns = expected[0].count
        #expect(records.allSatisfy { !$0.swallowedRows(columns: columns, delimiter: .comma) }, "\(name)")
    }

    /// A quote that never closes, or closes only after whole rows, swallowed them; a cell typed
    /// over several lines (a note, a name broken in two, with or without commas) did not.
    @Test func aQuoteThatSwallowedRowsIsToldFromACellOverSeveralLines() throws {
        let header = "name,id,born,class,note"
        func swallowed(_ body: String, delimiter: CSVDelimiter = .comma) throws -> [Bool] {
            let text = body.replacingOccurrences(of: ",", with: String(UnicodeScalar(delimiter.rawValue)))
            return try read(header.replacingOccurrences(of: ",", with: String(UnicodeScalar(delimiter.rawValue))) + "\n" + text,
                            delimiter: delimiter)
                .dropFirst().map { $0.swallowedRows(columns: 5, delimiter: delimiter) }
        }
        #expect(try swallowed("An,1,1990,C1,\"ghi chú\nhai dòng\"\nBa,2,1991,C1,\n") == [false, false])
        #expect(try swallowed("\"Nguyễn Văn\nAn\",1,1990,C1,\"một, hai\nba\"\n") == [false])
        #expect(try swallowed("An,1,1990,C1,\"ghi chú\r\nhai dòng\"\r\n") == [false])
        // Closed after swallowing two rows: the lines inside carry a row's separators.
        #expect(try swallowed("\"An,1,1990,C1,\nBa,2,1991,C1,\nCa\",3,1992,C1,\nDu,4,1993,C1,\n") == [true, false])
        #expect(try swallowed("\"An;1;1990;C1;\nBa;2;1991;C1;\nCa\";3;1992;C1;\n", delimiter: .semicolon) == [true])
        // Never closed: the rest of the file is one cell.
        #expect(try swallowed("An,1,1990,C1,\"ghi chú\nBa,2,1991,C1,\n") == [true])
    }
}
