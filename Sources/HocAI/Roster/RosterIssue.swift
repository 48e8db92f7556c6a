/// Something wrong with a row (a reject) or worth telling (a warning), with where it is and what
/// to do, in Vietnamese and English. Messages never quote personal data: the clerk has the row.
public struct RosterIssue: Sendable, Equatable {
    /// `held`: kept for an administrator's decision (an identity conflict), neither imported nor
    /// returned yet.
    public enum Severity: String, Sendable { case reject, warning, held }

    /// 1-based physical line where the record starts (the header is line 1).
    public let line: Int
    /// 1-based column, or `nil` where the issue is the whole row.
    public let column: Int?
    /// The column's header as the file wrote it.
    public let columnName: String?
    /// A stable machine code, e.g. `national_id.invalid`.
    public let code: String
    public let severity: Severity
    /// What the message needs besides the code (another line, suggestions), usually nothing.
    let detail: [String: String]?

    /// The cell as a spreadsheet names it (`C17`: column letters, then the line as its row).
    public var cell: CellReference? { column.map { CellReference(column: $0, row: line) } }

    /// Worded on demand: a file with many rejects keeps only codes in memory.
    public var message: LocalizedText { IssueText.text(code, detail ?? [:]) }

    init(line: Int, column: Int?, columnName: String?, code: String, severity: Severity, detail: [String: String]? = nil) {
        self.line = line
        self.column = column
        self.columnName = columnName
        self.code = code
        self.severity = severity
        self.detail = detail
    }
}

/// The wording of every issue code, in one place.
enum IssueText {
    /// What a held row's `differs` names (`identity_holds.differs`).
    static func differs(_ value: String) -> LocalizedText {
        switch value {
        case "date_of_birth": .init(vi: "ngày sinh", en: "date of birth")
        case "both": .init(vi: "họ tên và ngày sinh", en: "name and date of birth")
        case "enrolment": .init(vi: "chờ dòng đăng ký lớp", en: "waits for its enrolment row")
        default: .init(vi: "họ tên", en: "name")
        }
    }

    /// The wording of a code the library may not know (one read back from the register): every
    /// code it makes is a `RosterIssue.Code`, and a test checks that each is.
    static func text(_ code: String, _ detail: [String: String] = [:]) -> LocalizedText {
        guard let known = RosterIssue.Code(rawValue: code) else {
            return .init(vi: "Dòng không hợp lệ (\(code)).", en: "Invalid row (\(code)).")
        }
        return text(known, detail)
    }

    static func text(_ code: RosterIssue.Code, _ detail: [String: String] = [:]) -> LocalizedText {
        let other = detail["other_line"] ?? "?"
        let suggestions = detail["suggestions"].map { (vi: " Có phải: \($0)?", en: " Did you mean: \($0)?") } ?? (vi: "", en: "")
        switch code {
        case .nationalIDMissing:
            return .init(vi: "Thiếu số CCCD.", en: "The national ID (CCCD) is missing.")
        case .nationalIDLeadingZeroLost:
            return .init(vi: "Số CCCD thiếu số 0 ở đầu (còn 11 hoặc 10 chữ số): bảng tính (Excel, LibreOffice) đã coi cột là số và bỏ các số 0 đầu. Định dạng cột là Văn bản (Text) và nhập lại đủ 12 số.",
                         en: "The national ID has lost its leading zeros (11 or 10 digits left): the spreadsheet (Excel, LibreOffice) took the column for numbers and dropped them. Format the column as Text and enter all 12 digits.")
        case .nationalIDScientificNotation:
            return .init(vi: "Số CCCD bị bảng tính đổi thành số thực và làm tròn (như 1.92029E+11 hoặc 192029000000). Định dạng cột là Văn bản (Text) và nhập lại đủ 12 số.",
                         en: "The spreadsheet turned the national ID into a floating-point number and rounded it (like 1.92029E+11 or 192029000000). Format the column as Text and enter all 12 digits.")
        case .nationalIDOldIdentityCard:
            return .init(vi: "Đây là số CMND 9 chữ số; cần số CCCD 12 chữ số của người này.",
                         en: "This is a 9-digit CMND; the person's 12-digit CCCD is needed.")
        case .nationalIDInvalid:
            return .init(vi: "Số CCCD phải gồm đúng 12 chữ số.", en: "A national ID must be exactly 12 digits.")
        case .nationalIDUnknownProvince:
            return .init(vi: "Ba số đầu của CCCD không phải mã tỉnh nào (Thông tư 07/2016/TT-BCA). Kiểm tra lại số.",
                         en: "The first three digits are not a province code (Thông tư 07/2016/TT-BCA). Check the number.")
        case .nationalIDCenturyMismatch:
            return .init(vi: "Chữ số thứ 4 của CCCD không khớp thế kỷ của năm sinh. Kiểm tra số CCCD hoặc ngày sinh.",
                         en: "The 4th digit of the national ID does not match the century of birth. Check the ID or the date of birth.")
        case .nationalIDSexMismatch:
            return .init(vi: "Chữ số thứ 4 của CCCD không khớp giới tính. Kiểm tra số CCCD hoặc giới tính.",
                         en: "The 4th digit of the national ID does not match the sex. Check the ID or the sex.")
        case .nationalIDBirthYearMismatch:
            return .init(vi: "Chữ số thứ 5–6 của CCCD không khớp hai số cuối năm sinh. Kiểm tra số CCCD hoặc ngày sinh.",
                         en: "Digits 5–6 of the national ID do not match the year of birth. Check the ID or the date of birth.")
        case .fullNameMissing:
            return .init(vi: "Thiếu họ và tên.", en: "The full name is missing.")
        case .fullNameInvalidCharacters:
            return .init(vi: "Họ và tên có chữ số hoặc ký tự điều khiển.", en: "The full name contains digits or control characters.")
        case .fullNameTooLong:
            return .init(vi: "Họ và tên dài quá \(PersonName.maximumLength) ký tự; kiểm tra lại ô này.",
                         en: "The full name is longer than \(PersonName.maximumLength) characters; check this cell.")
        case .fullNameFormula:
            return .init(vi: "Họ và tên bắt đầu bằng =, +, - hoặc @ (giống công thức Excel); nhập lại tên.",
                         en: "The full name starts with =, +, - or @ (like an Excel formula); enter the name again.")
        case .fullNameLegacyEncoding:
            return .init(vi: "Họ và tên có vẻ được gõ bằng bảng mã cũ \(detail["encoding"] ?? "TCVN3/VNI"). Chuyển tệp sang Unicode (Unikey: Công cụ chuyển mã) rồi nhập lại.",
                         en: "The full name seems typed in the legacy \(detail["encoding"] ?? "TCVN3/VNI") encoding. Convert the file to Unicode (e.g. Unikey's converter) and import again.")
        case .dateMissing:
            return .init(vi: "Thiếu ngày.", en: "The date is missing.")
        case .dateInvalid:
            return .init(vi: "Ngày không hợp lệ; dùng dd/mm/yyyy (ví dụ 05/09/1990).",
                         en: "Not a valid date; use dd/mm/yyyy (e.g. 05/09/1990).")
        case .dateTwoDigitYear:
            return .init(vi: "Năm chỉ có 2 chữ số: bảng tính đã đổi định dạng ngày khi lưu lại tệp (ví dụ 01/02/85), nên không biết chắc ngày, tháng và thế kỷ. Định dạng cột là Văn bản và nhập lại ngày dạng dd/mm/yyyy.",
                         en: "The year has 2 digits: the spreadsheet rewrote the date when it saved the file (e.g. 01/02/85), so the day, month and century cannot be known. Format the column as Text and enter the date as dd/mm/yyyy.")
        case .dateFuture:
            return .init(vi: "Ngày nằm trong tương lai.", en: "The date is in the future.")
        case .dateOfBirthAgeOutOfRange:
            return .init(vi: "Tuổi phải từ 6 đến 100; kiểm tra ngày sinh.", en: "The age must be between 6 and 100; check the date of birth.")
        case .sexMissing:
            return .init(vi: "Thiếu giới tính.", en: "The sex is missing.")
        case .sexInvalid:
            return .init(vi: "Giới tính phải là Nam hoặc Nữ.", en: "The sex must be Nam (male) or Nữ (female).")
        case .phoneInvalid:
            return .init(vi: "Số điện thoại không phải số di động Việt Nam hợp lệ; dòng vẫn được nhập, bỏ trống số điện thoại.",
                         en: "Not a valid Vietnamese mobile number; the row is imported with the phone left empty.")
        case .phoneLeadingZeroLost:
            return .init(vi: "Số điện thoại mất số 0 ở đầu (bảng tính coi cột là số); đã thêm lại. Định dạng cột là Văn bản (Text) để giữ số 0.",
                         en: "The phone number lost its leading zero (the spreadsheet took the column for numbers); it was put back. Format the column as Text to keep the zero.")
        case .phoneLandline:
            return .init(vi: "Đây là số máy bàn; cột này chỉ nhận số di động. Dòng vẫn được nhập, bỏ trống số điện thoại.",
                         en: "This is a landline number; the column takes mobile numbers only. The row is imported with the phone left empty.")
        case .phoneConverted:
            return .init(vi: "Số điện thoại 11 số cũ đã được đổi sang đầu số mới.", en: "The old 11-digit phone number was converted to its new prefix.")
        case .communeMissing:
            return .init(vi: "Thiếu xã/phường.", en: "The commune is missing.")
        case .communeUnknown:
            return .init(vi: "Không có xã/phường này trong 92 đơn vị của Thái Nguyên (từ 01/7/2025).\(suggestions.vi)",
                         en: "Not one of Thái Nguyên's 92 communes (from 1 July 2025).\(suggestions.en)")
        case .classCodeMissing:
            return .init(vi: "Thiếu mã lớp.", en: "The class code is missing.")
        case .classCodeInvalid:
            return .init(vi: "Mã lớp chỉ gồm chữ không dấu, số và . _ / - (tối đa 40 ký tự).",
                         en: "A class code is letters without marks, digits and . _ / - (at most 40 characters).")
        case .instructorIDInvalid, .trainedByInvalid, .issuedByInvalid:
            return .init(vi: "Số CCCD của người dạy không hợp lệ (cần đúng 12 chữ số).",
                         en: "The trainer's national ID is not valid (exactly 12 digits needed).")
        case .resultInvalid:
            return .init(vi: "Kết quả phải là Đạt hoặc Không đạt.", en: "The result must be Đạt (pass) or Không đạt (fail).")
        case .resultIncomplete:
            return .init(vi: "Kết quả và ngày hoàn thành phải có cùng nhau.", en: "The result and the completion date go together.")
        case .scoreInvalid:
            return .init(vi: "Điểm phải là số từ 0 đến 100.", en: "The score must be a number from 0 to 100.")
        case .rowTooManyCells:
            return .init(vi: "Dòng có nhiều ô hơn tiêu đề; có thể một ô chứa dấu phân cách mà không có ngoặc kép.",
                         en: "The row has more cells than the header; a cell may contain the delimiter without quotes.")
        case .rowUnclosedQuote:
            let last = detail["last_line"] ?? "?"
            return .init(vi: "Một ô mở dấu ngoặc kép ở dòng này mà không đóng đúng chỗ, nên các dòng đến dòng \(last) bị đọc thành một ô và bị trả lại cùng dòng này. Thêm dấu ngoặc kép đóng ngay sau nội dung ô (hoặc xoá dấu ngoặc kép thừa) rồi nhập lại các dòng đó.",
                         en: "A cell opens a quote on this line and does not close it where the cell ends, so the lines up to line \(last) were read as one cell and are returned with this one. Add the closing quote right after the cell's text (or remove the stray quote) and import those lines again.")
        case .rowInvalidBytes:
            return .init(vi: "Dòng có ký tự không đọc được: tệp là UTF-8 nhưng dòng này có byte không hợp lệ (thường do dán từ nguồn khác). Gõ lại các ô có ký tự lạ rồi nhập lại.",
                         en: "The row has characters that cannot be read: the file is UTF-8 but this line holds invalid bytes (often pasted from elsewhere). Retype the cells with odd characters and import again.")
        case .rowDuplicate:
            return .init(vi: "Trùng hệt dòng \(other); chỉ nhập một lần.", en: "Identical to line \(other); imported once.")
        case .personConflictInFile:
            return .init(vi: "Cùng số CCCD với dòng \(other) nhưng khác họ tên hoặc ngày sinh. Sửa dòng sai rồi nhập lại.",
                         en: "Same national ID as line \(other) but a different name or date of birth. Fix the wrong row and import again.")
        case .personIdentityHeld:
            let field = differs(detail["differs"] ?? "full_name")
            let hint = detail["cause"] == "tone_only"
                ? (vi: " Hai tên chỉ khác dấu thanh: thường do LibreOffice lưu tệp bằng mã Windows-1258; lần sau hãy lưu dạng CSV UTF-8.",
                   en: " The names differ only in a tone mark: usually LibreOffice saving as Windows-1258; next time save as CSV UTF-8.")
                : (vi: "", en: "")
            return .init(vi: "Số CCCD này đã có trong hệ thống với \(field.vi) khác. Dòng được giữ lại, không mất, chờ quản trị xác định thông tin đúng; sau đó dòng được nhập hoặc trả lại kèm lý do trên trang của trung tâm. Không cần gửi lại.\(hint.vi)",
                         en: "This national ID is registered with another \(field.en). The row is held, not lost, until an administrator decides which is right; it is then imported, or returned with the reason on the centre's page. There is no need to send it again.\(hint.en)")
        case .personEnrolmentHeld:
            return .init(vi: "Dòng đăng ký lớp của người học này đang được giữ chờ quản trị quyết định về danh tính; kết quả được giữ cùng và sẽ được nhập ngay sau quyết định. Không cần gửi lại.",
                         en: "This learner's enrolment row is held for an administrator's decision on their identity; the result is held with it and imported right after the decision. There is no need to send it again.")
        case .completionEnrolmentHeld:
            return .init(vi: "Dòng đăng ký lớp của người học này đang chờ quản trị quyết định về danh tính; ghi kết quả sau khi có quyết định.",
                         en: "This learner's enrolment is held for an administrator's decision on their identity; record the result after the decision.")
        case .identityReturned:
            return .init(vi: "Quản trị xác định dòng này không phải của người mang số CCCD này. Kiểm tra lại số CCCD (và họ tên, ngày sinh) rồi gửi lại dòng.",
                         en: "An administrator decided this row is not the person with this national ID. Check the national ID (and the name and date of birth), then send the row again.")
        case .personIdentityConflict where detail["cause"] == "tone_only":
            return .init(vi: "Số CCCD này đã có trong hệ thống với họ tên chỉ khác dấu thanh (ví dụ Lý và Lỳ). Thường do LibreOffice lưu tệp bằng mã Windows-1258 (ý thành ỳ). Lưu tệp dạng CSV UTF-8 rồi nhập lại; nếu hệ thống sai, liên hệ quản trị.",
                         en: "This national ID is registered with a name that differs only in a tone mark (e.g. Lý and Lỳ). This is usually LibreOffice saving the file as Windows-1258 (ý becomes ỳ). Save the file as CSV UTF-8 and import again; if the register is wrong, contact the administrator.")
        case .personIdentityConflict:
            return .init(vi: "Số CCCD này đã có trong hệ thống với họ tên hoặc ngày sinh khác (dòng còn lỗi khác nên bị trả lại; sửa xong gửi lại, dòng sẽ được giữ chờ quản trị quyết định).",
                         en: "This national ID is already registered with another name or date of birth (the row has other faults, so it is returned; once fixed and sent again, it is held for an administrator's decision).")
        case .classOtherCenter:
            return .init(vi: "Lớp này thuộc trung tâm khác; dùng đúng mã lớp của trung tâm mình.",
                         en: "This class belongs to another centre; use your centre's class code.")
        case .classNotTaught:
            return .init(vi: "Bạn không phải giảng viên của lớp này; chỉ ghi kết quả cho lớp mình dạy.",
                         en: "You are not this class's instructor; record results only for the classes you teach.")
        case .classOtherTrack:
            return .init(vi: "Mã lớp này là lớp đào tạo giảng viên, không phải lớp học viên.",
                         en: "This class code is an instructor-training class, not a learner class.")
        case .classInstructorMissing:
            return .init(vi: "Lớp mới cần CCCD giảng viên.", en: "A new class needs its instructor's national ID.")
        case .classInstructorConflict where detail["other_line"] == nil:
            return .init(vi: "Lớp này đã có trong hệ thống với giảng viên khác; một lớp chỉ có một giảng viên. Kiểm tra mã lớp hoặc CCCD giảng viên.",
                         en: "This class is registered with another instructor; a class has one instructor. Check the class code or the instructor's national ID.")
        case .classInstructorConflict:
            return .init(vi: "Dòng \(other) ghi giảng viên khác cho cùng lớp mới này.",
                         en: "Line \(other) names another instructor for this same new class.")
        case .classInstructorNotCertified:
            return .init(vi: "Giảng viên của lớp chưa được công nhận là giảng viên nòng cốt hoặc chuyên gia (hoặc đã bị thu hồi).",
                         en: "The class's instructor holds no valid core-instructor or expert certification.")
        case .trainedByNotExpert:
            return .init(vi: "Người đào tạo không phải chuyên gia được công nhận vào ngày công nhận này.",
                         en: "The trainer was not a certified expert on this certification date.")
        case .trainedBySelf:
            return .init(vi: "Một người không thể tự công nhận chính mình.", en: "Nobody can certify themselves.")
        case .completionIssuerNotCertified:
            return .init(vi: "Người cấp chưa có chứng nhận giảng viên hoặc chuyên gia hợp lệ vào ngày hoàn thành.",
                         en: "The issuer held no valid instructor or expert certification on the completion date.")
        case .completionBeforeEnrolment:
            return .init(vi: "Ngày hoàn thành trước ngày đăng ký.", en: "The completion date is before the enrolment date.")
        case .completionBeforeIssuerCertified:
            return .init(vi: "Ngày hoàn thành trước ngày người cấp được công nhận.", en: "The completion date is before the issuer's own certification.")
        case .completionNotEnrolled:
            return .init(vi: "Học viên chưa đăng ký lớp này.", en: "The learner is not enrolled in this class.")
        case .completionRevoked:
            return .init(vi: "Kết quả Đạt của học viên ở lớp này đã bị thu hồi (ngày thu hồi sau ngày hoàn thành này); không ghi nhận lại. Nếu học viên học lại, ghi kết quả với ngày hoàn thành mới.",
                         en: "This learner's pass in this class was revoked (on or after this completion date); it is not recorded again. If the learner retook the course, record the result with its new date.")
        case .certificationRevoked:
            return .init(vi: "Chứng nhận của người này đã bị thu hồi vào hoặc sau ngày công nhận này; không ghi nhận lại. Nếu được công nhận lại, ghi ngày công nhận mới.",
                         en: "This person's certification was revoked on or after this date; it is not recorded again. If they were certified again, give the new date.")
        case .completionUnknownClass:
            return .init(vi: "Không có lớp này.", en: "There is no such class.")
        case .completionUnknownPerson:
            return .init(vi: "Số CCCD này chưa có trong hệ thống; nhập danh sách học viên trước.",
                         en: "This national ID is not registered; import the learner roster first.")
        case .columnIgnored:
            return .init(vi: "Cột \"\(detail["name"] ?? "")\" không được dùng và bị bỏ qua.", en: "Column \"\(detail["name"] ?? "")\" is not used and was ignored.")
        }
    }
}

extension RosterIssue {
    /// Every code a row's issue may carry, each worded in both languages (`IssueText`): a reject,
    /// a warning or a held row. The raw value is what files, JSON and the register hold.
    public enum Code: String, CaseIterable, Sendable {
        case nationalIDMissing = "national_id.missing"
        case nationalIDLeadingZeroLost = "national_id.leading_zero_lost"
        case nationalIDScientificNotation = "national_id.scientific_notation"
        case nationalIDOldIdentityCard = "national_id.old_identity_card"
        case nationalIDInvalid = "national_id.invalid"
        case nationalIDUnknownProvince = "national_id.unknown_province"
        case nationalIDCenturyMismatch = "national_id.century_mismatch"
        case nationalIDSexMismatch = "national_id.sex_mismatch"
        case nationalIDBirthYearMismatch = "national_id.birth_year_mismatch"
        case fullNameMissing = "full_name.missing"
        case fullNameInvalidCharacters = "full_name.invalid_characters"
        case fullNameTooLong = "full_name.too_long"
        case fullNameFormula = "full_name.formula"
        case fullNameLegacyEncoding = "full_name.legacy_encoding"
        case dateMissing = "date.missing"
        case dateInvalid = "date.invalid"
        case dateTwoDigitYear = "date.two_digit_year"
        case dateFuture = "date.future"
        case dateOfBirthAgeOutOfRange = "date_of_birth.age_out_of_range"
        case sexMissing = "sex.missing"
        case sexInvalid = "sex.invalid"
        case phoneInvalid = "phone.invalid"
        case phoneLeadingZeroLost = "phone.leading_zero_lost"
        case phoneLandline = "phone.landline"
        case phoneConverted = "phone.converted"
        case communeMissing = "commune.missing"
        case communeUnknown = "commune.unknown"
        case classCodeMissing = "class_code.missing"
        case classCodeInvalid = "class_code.invalid"
        case instructorIDInvalid = "instructor_id.invalid"
        case trainedByInvalid = "trained_by.invalid"
        case issuedByInvalid = "issued_by.invalid"
        case resultInvalid = "result.invalid"
        case resultIncomplete = "result.incomplete"
        case scoreInvalid = "score.invalid"
        case rowTooManyCells = "row.too_many_cells"
        case rowUnclosedQuote = "row.unclosed_quote"
        case rowInvalidBytes = "row.invalid_bytes"
        case rowDuplicate = "row.duplicate"
        case personConflictInFile = "person.conflict_in_file"
        case personIdentityHeld = "person.identity_held"
        case personEnrolmentHeld = "person.enrolment_held"
        case completionEnrolmentHeld = "completion.enrolment_held"
        case identityReturned = "identity.returned"
        case personIdentityConflict = "person.identity_conflict"
        case classOtherCenter = "class.other_center"
        case classNotTaught = "class.not_taught"
        case classOtherTrack = "class.other_track"
        case classInstructorMissing = "class.instructor_missing"
        case classInstructorConflict = "class.instructor_conflict"
        case classInstructorNotCertified = "class.instructor_not_certified"
        case trainedByNotExpert = "trained_by.not_expert"
        case trainedBySelf = "trained_by.self"
        case completionIssuerNotCertified = "completion.issuer_not_certified"
        case completionBeforeEnrolment = "completion.before_enrolment"
        case completionBeforeIssuerCertified = "completion.before_issuer_certified"
        case completionNotEnrolled = "completion.not_enrolled"
        case completionRevoked = "completion.revoked"
        case certificationRevoked = "certification.revoked"
        case completionUnknownClass = "completion.unknown_class"
        case completionUnknownPerson = "completion.unknown_person"
        case columnIgnored = "column.ignored"
    }

    /// Worded in both languages; what the rejects file and the pages show.
    public static func wording(of code: Code) -> LocalizedText { IssueText.text(code) }
}
