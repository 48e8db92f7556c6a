/// Why a workbook cannot be read, each worded for the clerk with what to do. Thrown as
/// `HocAIError.fileRejected` (exit 1, nothing written).
enum WorkbookError {
    static func notAWorkbook() -> HocAIError {
        .fileRejected(LocalizedText(
            vi: "Tệp không phải một sổ tính Excel (.xlsx) đọc được: tệp hỏng hoặc chỉ đổi đuôi. Mở tệp bằng Excel hoặc LibreOffice rồi lưu lại dạng .xlsx hoặc CSV UTF-8; chưa có gì được ghi.",
            en: "The file is not a readable Excel workbook (.xlsx): it is damaged or only renamed. Open it in Excel or LibreOffice and save it again as .xlsx or CSV UTF-8; nothing was written."))
    }

    static func legacyExcel() -> HocAIError {
        .fileRejected(LocalizedText(
            vi: "Đây là tệp Excel 97–2003 (.xls), không phải .xlsx. Mở tệp bằng Excel hoặc LibreOffice, chọn Lưu thành (Save As) dạng Sổ làm việc Excel (.xlsx) rồi nhập lại; chưa có gì được ghi.",
            en: "This is an Excel 97–2003 file (.xls), not .xlsx. Open it in Excel or LibreOffice, Save As an Excel Workbook (.xlsx) and import again; nothing was written."))
    }

    static func passwordProtected() -> HocAIError {
        .fileRejected(LocalizedText(
            vi: "Sổ tính được đặt mật khẩu nên không đọc được. Mở tệp trong Excel, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hoá bằng mật khẩu, xoá mật khẩu), lưu lại rồi nhập; chưa có gì được ghi.",
            en: "The workbook is protected by a password, so it cannot be read. Open it in Excel, remove the password (File → Info → Protect Workbook → Encrypt with Password, clear it), save and import again; nothing was written."))
    }

    static func tooLarge(_ part: String) -> HocAIError {
        .fileRejected(LocalizedText(
            vi: "Sổ tính giải nén ra lớn bất thường (phần \(part)): có thể tệp hỏng hoặc cố ý làm phình. Lưu lại sổ tính bằng Excel hoặc LibreOffice, hoặc chia danh sách thành nhiều tệp; chưa có gì được ghi.",
            en: "The workbook inflates to an unusual size (part \(part)): the file may be damaged or built to blow up. Save it again from Excel or LibreOffice, or split the roster into several files; nothing was written."))
    }

    static func tooManySharedStrings(limit: Int) -> HocAIError {
        .fileRejected(LocalizedText(
            vi: "Bảng chữ dùng chung của sổ tính lớn hơn \(limit >> 20) MiB, quá lớn cho một danh sách. Chia danh sách thành nhiều tệp hoặc lưu dạng CSV UTF-8; chưa có gì được ghi.",
            en: "The workbook's shared-strings table is larger than \(limit >> 20) MiB, too large for a roster. Split the roster into several files or save it as CSV UTF-8; nothing was written."))
    }

    static func entities() -> HocAIError {
        .fileRejected(LocalizedText(
            vi: "Sổ tính chứa khai báo XML (DOCTYPE hoặc thực thể) mà Excel không bao giờ ghi: tệp không được đọc. Lưu lại sổ tính bằng Excel hoặc LibreOffice; chưa có gì được ghi.",
            en: "The workbook holds XML declarations (a DOCTYPE or entities) that Excel never writes: the file is not read. Save it again from Excel or LibreOffice; nothing was written."))
    }

    static func damaged(_ part: String) -> HocAIError {
        .fileRejected(LocalizedText(
            vi: "Sổ tính bị hỏng (phần \(part) không đọc được). Mở bằng Excel hoặc LibreOffice, lưu lại rồi nhập; chưa có gì được ghi.",
            en: "The workbook is damaged (its part \(part) does not read). Open it in Excel or LibreOffice, save it again and import; nothing was written."))
    }

    static func noSheet(_ name: String?, available: [String]) -> HocAIError {
        let list = available.map { "\"\($0)\"" }.joined(separator: ", ")
        if let name {
            return .fileRejected(LocalizedText(
                vi: "Sổ tính không có trang tính \"\(name)\". Các trang có: \(list). Chọn một trong các trang đó rồi nhập lại; chưa có gì được ghi.",
                en: "The workbook has no sheet \"\(name)\". Its sheets: \(list). Choose one of those and import again; nothing was written."))
        }
        return .fileRejected(LocalizedText(
            vi: "Sổ tính không có trang tính nào chứa dữ liệu; chưa có gì được ghi.",
            en: "The workbook has no worksheet with data; nothing was written."))
    }

    static func rowTooLong(_ row: Int, limit: Int) -> HocAIError {
        .fileRejected(LocalizedText(
            vi: "Hàng \(row) của trang tính dài hơn \(limit >> 20) MiB chữ: không phải một dòng danh sách. Kiểm tra hàng đó; chưa có gì được ghi.",
            en: "Row \(row) of the sheet holds more than \(limit >> 20) MiB of text: not a roster row. Check that row; nothing was written."))
    }

    /// The error for an XML fault in `part`.
    static func xml(_ error: XMLScanError, part: String) -> HocAIError {
        error == .documentType || error == .undefinedEntity ? entities() : damaged(part)
    }
}
