/// The commands' wording in Vietnamese: one of the two catalogs `Language.text(_:)` reads.
extension ConsoleText {
    var vietnamese: String {
        switch self {
        case .code: "Mã"
        case .name: "Tên"
        case .commune: "Xã/Phường"
        case .noRowsHeld: "Không có dòng nào đang chờ quyết định."
        case .rowNumber: "Số"
        case .centre: "Trung tâm"
        case .file: "Tệp"
        case .line: "Dòng"
        case .fullName: "Họ và tên"
        case .born: "Ngày sinh"
        case .differsIn: "Khác ở"
        case .howToDecide: "Quyết định: hocai conflicts resolve SỐ --keep register (giữ thông tin trong hệ thống) hoặc --keep row (dùng thông tin của dòng SỐ)."
        case .registerCorrected: "Đã sửa họ tên, ngày sinh trong hệ thống (giá trị cũ được lưu lại)."
        case .failRecorded: "Đã ghi kết quả Không đạt."
        case .resultUnchanged: "Kết quả này đã được ghi trước đây; không thay đổi gì."
        case .holderMatches: "Người giữ chứng chỉ đúng là người có số CCCD này."
        case .holderDoesNotMatch: "Người giữ chứng chỉ KHÔNG phải người có số CCCD này."
        case .keyID: "Mã khoá (kid)"
        case .created: "Ngày tạo"
        case .status: "Trạng thái"
        case .signing: "đang ký"
        case .verifiesOnly: "chỉ kiểm tra"
        case .noneIssuedAfterRevocation: "Không có chứng nhận nào được cấp sau khi người cấp bị thu hồi."
        case .login: "Tên đăng nhập"
        case .role: "Vai trò"
        case .disabled: "đã khoá"
        case .active: "hoạt động"
        case .passwordSet: "Đã đặt mật khẩu."
        case .unexpectedError: "Đã xảy ra lỗi không mong đợi; chưa có gì thay đổi ngoài những gì đã báo. Chạy lại với --log-level debug và gửi cho quản trị."
        }
    }
}

extension ConsoleMessage {
    var vietnamese: String {
        switch self {
        case .centreAdded(let code, let name, let commune, let communeCode): "Đã thêm trung tâm \(code): \(name) (\(commune), \(communeCode))"
        case .publicAddress(let address): "Địa chỉ công khai: \(address)"
        case .registered(let nationalID, let name, let born): "CCCD \(nationalID), trong hệ thống: \(name), \(born)"
        case .appliedAndReturned(let applied, let returned): "Đã nhập \(applied) dòng, trả lại \(returned) dòng."
        case .rowReturned(let row): "Đã trả dòng \(row) về trung tâm gửi."
        case .certificateIssued(let code): "Đã cấp chứng nhận \(code)"
        case .alreadyCertified(let code): "Đã ghi kết quả; học viên đã có chứng nhận \(code)"
        case .certificateRevoked(let code, let date): "Đã thu hồi chứng nhận \(code) ngày \(date)."
        case .reissued(let code): "Người này vẫn còn kết quả hợp lệ ở lớp khác: đã cấp chứng nhận mới \(code)."
        case .credentialRevoked(let achievement, let track, let listFrom):
            "Chứng chỉ số ĐÃ BỊ THU HỒI: \(achievement) (\(track)); theo danh sách trạng thái lập lúc \(listFrom). Ngày và lý do thu hồi: tra mã chứng nhận trên trang xác minh."
        case .credentialValid(let achievement, let track, let validFrom, let issuer):
            "Chứng chỉ số hợp lệ: \(achievement) (\(track)), hiệu lực từ \(validFrom), cấp bởi \(issuer)"
        case .notRevokedPerList(let listFrom): "; chưa bị thu hồi theo danh sách lập lúc \(listFrom)"
        case .certificatePrinted(let file, let code, let link): "Đã ghi \(file): chứng nhận \(code), mã QR dẫn tới \(link)."
        case .keyRetired(let kid): "Khoá \(kid) đã ngừng ký."
        case .retiredOn(let date): "ngừng ký \(date)"
        case .issuedAfterRevocation(let holder, let revokedOn, let count, let codes): "\(holder), thu hồi \(revokedOn): \(count) chứng nhận cấp sau đó: \(codes)"
        case .accountAdded(let login, let role): "Đã thêm tài khoản \(login) (\(role))."
        case .passwordShownOnce(let password): "Mật khẩu (chỉ hiện một lần): \(password)"
        case .newPasswordShownOnce(let password): "Mật khẩu mới (chỉ hiện một lần): \(password)"
        case .accountDisabled(let login): "Đã khoá \(login)."
        case .tokensRevoked(let count): "Đã thu hồi \(count) mã."
        case .migrationApplied(let name): "đã áp dụng \(name)"
        case .schemaUpToDate(let files): "Lược đồ đã mới nhất (\(files) tệp)."
        case .templateWritten(let path): "Đã ghi sổ tính mẫu vào \(path)."
        case .databaseUnreachable(let message):
            "PostgreSQL: \(message)\nĐặt --database-url hoặc DATABASE_URL (scripts/db url in ra URL của cơ sở dữ liệu cục bộ)."
        case .databaseError(let state, let message): "Lỗi cơ sở dữ liệu (SQLSTATE \(state)): \(message). Chưa có gì được ghi."
        }
    }
}
