/// Why a header row does not read, where the reason is not a missing column: a quote never
/// closed, the wrong delimiter, the wrong encoding. Each says what to do; none is "the header
/// lacks columns" when the columns are there and the file was read wrongly.
enum HeaderDiagnosis {
    static func explain(_ record: CSVRecord, delimiter: CSVDelimiter, encoding: TextEncoding) -> HocAIError? {
        if record.spansLines {
            return .fileRejected(LocalizedText(
                vi: "Dòng tiêu đề có một dấu ngoặc kép mở mà không đóng, nên các dòng \(record.line) đến \(record.lastLine) bị đọc thành một ô. Xoá dấu ngoặc kép thừa ở dòng tiêu đề rồi nhập lại; chưa có gì được ghi.",
                en: "The header row opens a quote it never closes, so lines \(record.line) to \(record.lastLine) were read as one cell. Remove the stray quote from the header and import again; nothing was written."))
        }
        let text = record.fields.joined(separator: String(UnicodeScalar(delimiter.rawValue)))
        if text.unicodeScalars.contains("\u{FFFD}") || looksMisdecoded(text) {
            return .fileRejected(LocalizedText(
                vi: "Dòng tiêu đề đọc ra chữ lạ: tệp có vẻ không phải mã \(encoding.rawValue). Lưu lại tệp dạng CSV UTF-8 (trong Excel: Lưu thành → CSV UTF-8) rồi nhập lại; nếu đã chọn mã ký tự thì để hocai tự nhận, hoặc chọn mã khác (utf-8, utf-16, windows-1258). Chưa có gì được ghi.",
                en: "The header row reads as garbled text: the file does not seem to be \(encoding.rawValue). Save it as CSV UTF-8 (in Excel: Save As → CSV UTF-8) and import it again; if an encoding was chosen, let hocai detect it or choose another (utf-8, utf-16, windows-1258). Nothing was written."))
        }
        let nonEmpty = record.fields.filter { !$0.isBlank }
        if nonEmpty.count <= 2 {
            let others = CSVDelimiter.allCases.filter { $0 != delimiter }
            if let other = others.max(by: { count($0, in: text) < count($1, in: text) }), count(other, in: text) >= 2 {
                let name = other == .tab ? "tab" : String(UnicodeScalar(other.rawValue))
                return .fileRejected(LocalizedText(
                    vi: "Dòng tiêu đề chỉ có \(nonEmpty.count) cột khi tách bằng \"\(delimiter == .tab ? "tab" : String(UnicodeScalar(delimiter.rawValue)))\", nhưng có nhiều dấu \"\(name)\": tệp có vẻ dùng dấu phân cách \"\(name)\". Lưu lại tệp dạng CSV UTF-8 rồi nhập lại; nếu đã chọn dấu phân cách thì để hocai tự nhận hoặc chọn \"\(name)\". Chưa có gì được ghi.",
                    en: "The header row has \(nonEmpty.count) column(s) when split on \"\(delimiter == .tab ? "tab" : String(UnicodeScalar(delimiter.rawValue)))\" but many \"\(name)\": the file seems to use \"\(name)\". Save it as CSV UTF-8 and import it again; if a delimiter was chosen, let hocai detect it or choose \"\(name)\". Nothing was written."))
            }
        }
        return nil
    }

    private static func count(_ delimiter: CSVDelimiter, in text: String) -> Int {
        text.utf8.reduce(0) { $0 + ($1 == delimiter.rawValue ? 1 : 0) }
    }

    /// UTF-8 read as a single-byte encoding (`Ã¡`, `Ä‘`, `á»`, `Æ°`), or UTF-16 read as
    /// something else (letters from scripts a Vietnamese header never has).
    private static func looksMisdecoded(_ text: String) -> Bool {
        var previous: UInt32 = 0
        for scalar in text.unicodeScalars {
            let value = scalar.value
            defer { previous = value }
            if (previous == 0xC3 || previous == 0xC4 || previous == 0xC6 || previous == 0xE1) && (0x80...0xBF).contains(value) { return true }
            if value == 0x0000 || (0x3000...0x9FFF).contains(value) || (0xAC00...0xD7AF).contains(value) { return true }
        }
        return false
    }
}
