// libFuzzer target over the roster reader and the field parsers (scripts/fuzz builds and runs it
// with -sanitize=fuzzer,address). Not a SwiftPM target: it is compiled with the pure sources.

import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func roster_fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let first = bytes.first else { return 0 }
    let delimiter: CSVDelimiter = [.comma, .semicolon, .tab][Int(first) % 3]
    let split = Int(first) % max(size, 1)
    var reader = CSVReader(delimiter: delimiter)
    var cells: [String] = []
    var lastLine = 0
    let collect: (CSVRecord) -> Void = { record in
        precondition(record.line > lastLine, "line numbers increase")
        lastLine = record.line
        cells += record.fields
    }
    // Fed in two chunks at a data-chosen point, as the importer's chunks fall anywhere; a small
    // record limit, so the fuzzer reaches it.
    reader.limits = (header: 512, record: 4096)
    let chunked = Result {
        try reader.feed(UnsafeBufferPointer(rebasing: bytes[..<split]), collect)
        try reader.feed(UnsafeBufferPointer(rebasing: bytes[split...]), collect)
        try reader.finish(collect)
    }
    // Where the chunks fall changes nothing: the same input in one chunk gives the same records,
    // or the same refusal.
    var whole = CSVReader(delimiter: delimiter)
    whole.limits = reader.limits
    var wholeCells: [String] = []
    let single = Result {
        try whole.feed(bytes) { wholeCells += $0.fields }
        try whole.finish { wholeCells += $0.fields }
    }
    switch (chunked, single) {
    case (.success, .success): precondition(wholeCells == cells, "records do not depend on chunk boundaries")
    case (.failure(let a as CSVReader.RecordTooLong), .failure(let b as CSVReader.RecordTooLong)):
        precondition(a.line == b.line, "the same record is too long")
    default: preconditionFailure("a refusal does not depend on chunk boundaries")
    }
    _ = CSVDelimiter.detect(in: bytes)
    if !cells.isEmpty, let header = try? RosterHeader.read(cells, kind: [.experts, .instructors, .learners, .completions][Int(first) % 4]).get() {
        _ = header.positions
    }
    for cell in cells.prefix(64) {
        if case .success(let id) = NationalID.parse(cell) {
            precondition(id.digits.count == 12)
            if let date = CalendarDate.parse(cell) { _ = id.mismatch(bornOn: date, sex: .female) }
        }
        if let date = CalendarDate.parse(cell) {
            precondition(CalendarDate(daysSinceEpoch: date.daysSinceEpoch) == date)
            precondition(CalendarDate.parse(date.description) == date)
        }
        if let phone = PhoneNumber.parse(cell).mobile { precondition(phone.e164.utf8.count == 12) }
        _ = SpreadsheetCell.unwrap(cell)
        _ = CalendarDate.hasTwoDigitYear(cell)
        if case .success(let name) = PersonName.parse(cell) {
            precondition(VietnameseText.clean(name.text) == name.text)
            _ = name.matchingKey
            _ = name.masked
        }
        // The matching key's byte table (clean text) and its general path (any other form of the
        // same text) agree, byte for byte (String == would accept canonically equivalent keys).
        let key = VietnameseText.matchingKey(cell)
        if VietnameseText.clean(cell) == cell {
            precondition(Array(key.utf8) == Array(VietnameseText.matchingKey(cell.decomposedStringWithCanonicalMapping).utf8))
        }
        _ = VietnameseText.foldedKey(cell)
        _ = Sex(spreadsheetValue: cell)
        _ = LegacyVietnameseEncoding.detect(in: cell)
        if case .success(let code) = CertificateCode.parse(cell) {
            precondition(try! CertificateCode.parse(code.grouped).get() == code)
        }
    }
    return 0
}
