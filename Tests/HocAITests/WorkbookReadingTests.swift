import Foundation
import Testing
@testable import HocAI

/// The pieces a workbook is read with, without a database: the XML scanner, a number cell's
/// text, cell references and number formats.
@Suite("Workbook reading")
struct WorkbookReadingTests {
    /// Records what the scanner reports, as text.
    struct Recorder: XMLHandler {
        var events: [String] = []
        mutating func start(_ tag: XMLTag) throws {
            events.append("<\(String(decoding: tag.name.bytes, as: UTF8.self)) r=\(try tag.attribute("r") ?? "-")\(tag.selfClosing ? "/" : "")>")
        }
        mutating func end(_ name: XMLName) throws { events.append("</\(String(decoding: name.bytes, as: UTF8.self))>") }
        mutating func text(_ bytes: UnsafeBufferPointer<UInt8>, raw: Bool) throws {
            var out: [UInt8] = []
            try XMLText.append(bytes, raw: raw, to: &out)
            events.append("'\(String(decoding: out, as: UTF8.self))'")
        }
    }

    static let document = #"<?xml version="1.0"?><!-- c --><x:row r="1" s='a>b'><c r="A1"><v>1&amp;2 &#x1EA1;</v></c><c r="B1"/><![CDATA[<&>]]></x:row>"#

    func scan(_ text: String, chunk: Int) throws -> [String] {
        var scanner = XMLScanner()
        var recorder = Recorder()
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + chunk, bytes.count)
            try bytes[offset..<end].withUnsafeBufferPointer { try scanner.feed($0, &recorder) }
            offset = end
        }
        try scanner.finish(&recorder)
        return recorder.events
    }

    @Test func theScannerGivesTheSameTokensWhateverTheChunks() throws {
        let whole = try scan(Self.document, chunk: 1 << 20)
        #expect(whole == ["<row r=1>", "<c r=A1>", "<v r=->", "'1&2 ạ'", "</v>", "</c>", "<c r=B1/>", "</c>", "'<&>'", "</row>"])
        for chunk in [1, 2, 3, 7, 16] { #expect(try scan(Self.document, chunk: chunk) == whole, "chunks of \(chunk)") }
    }

    @Test func aDocumentTypeOrAnUnknownEntityIsRefused() {
        #expect(throws: XMLScanError.documentType) { try scan(#"<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>"#, chunk: 5) }
        #expect(throws: XMLScanError.undefinedEntity) { try scan("<x>&nbsp;</x>", chunk: 64) }
        #expect(throws: XMLScanError.malformed) { try scan("<x><y", chunk: 64) }
    }

    func text(_ stored: String, _ format: NumberFormat = .general, date1904: Bool = false) -> String {
        var output: [UInt8] = []
        SheetNumber.append(Array(stored.utf8), format: format, date1904: date1904, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    @Test func aNumberCellIsItsExactDigits() {
        #expect(text("190850009010") == "190850009010")
        #expect(text("1.9085000901E+11") == "190850009010")
        #expect(text("1.92029E+11") == "192029000000", "a rounded float stays rounded: the importer says so")
        #expect(text("8.5") == "8.5")
        #expect(text("0.30000000000000004") == "0.3")
        #expect(text("-1") == "-1")
        #expect(text("2.5E-3") == "0.0025")
        #expect(text("19085000901", .zeroPadded(width: 12)) == "019085000901")
        #expect(text("912345678", .zeroPadded(width: 10)) == "0912345678")
        #expect(text("8.5", .zeroPadded(width: 4)) == "8.5", "only whole numbers are padded")
        #expect(text("TRUE") == "TRUE", "what is not a number is kept")
    }

    @Test func aDateCellIsTheDayInTheWorkbooksDateSystem() {
        #expect(text("33970", .date) == "1993-01-01")
        #expect(text("45778.75", .date) == "2025-05-01", "the time of day is dropped")
        #expect(text("1", .date) == "1900-01-01")
        #expect(text("60", .date) == "60", "Excel's 29 February 1900 never was")
        #expect(text("0", .date, date1904: true) == "1904-01-01")
        #expect(text("32508", .date, date1904: true) == "1993-01-01")
        #expect(text("-5", .date) == "-5")
    }

    @Test func numberFormatsSayWhatTheCellShows() {
        #expect(NumberFormat(id: 14, code: nil) == .date)
        #expect(NumberFormat(id: 49, code: nil) == .text)
        #expect(NumberFormat(id: 0, code: nil) == .general)
        #expect(NumberFormat(id: 164, code: "dd/mm/yyyy") == .date)
        #expect(NumberFormat(id: 164, code: "yyyy\\-mm\\-dd") == .date)
        #expect(NumberFormat(id: 164, code: "[$-42A]d mmmm yyyy") == .date)
        #expect(NumberFormat(id: 164, code: "000000000000") == .zeroPadded(width: 12))
        #expect(NumberFormat(id: 164, code: "\"Ngày\" 0") == .general, "quoted text is not a date")
        #expect(NumberFormat(id: 164, code: "0.00%") == .general)
        #expect(NumberFormat(id: 164, code: "@") == .text)
    }

    @Test func cellReferencesAreExcelsLetters() {
        #expect(CellReference.letters(1) == "A" && CellReference.letters(26) == "Z" && CellReference.letters(27) == "AA")
        #expect(CellReference.letters(16_384) == "XFD")
        #expect(CellReference("C17") == CellReference(column: 3, row: 17))
        #expect(CellReference("$AB$2")?.column == 28)
        #expect(CellReference("XFE1") == nil && CellReference("A0") == nil && CellReference("17") == nil)
        #expect(CellRange("A1:C2").map { "\($0.first) \($0.last)" } == "A1 C2")
    }
}
