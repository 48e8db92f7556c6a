/// An error the user can act on, with its message in Vietnamese and English.
///
/// A struct over a private enum, so cases can be added without breaking callers; compare with
/// `error.code == .unknownCommune`. The message never quotes personal data.
public struct HocAIError: Error, Sendable, Equatable, CustomStringConvertible {
    fileprivate enum Base: String, Sendable {
        case migrationsNotFound = "migrations.not_found"
        case duplicateMigration = "migrations.duplicate"
        case migrationChanged = "migrations.changed"
        case schemaNotReady = "database.schema_not_ready"
        case databaseUnavailable = "database.unavailable"
        case databaseReadOnly = "database.read_only"
        case unknownCommune = "commune.unknown"
        case invalidCenterCode = "center.code_invalid"
        case invalidCenterName = "center.name_invalid"
        case centerExists = "center.exists"
        case unknownCenter = "center.unknown"
        case fileUnreadable = "file.unreadable"
        case fileUnwritable = "file.unwritable"
        case fileChanged = "file.changed"
        case fileRejected = "file.rejected"
        case invalidArgument = "argument.invalid"
        case certificationRefused = "certification.refused"
        case certificateMistyped = "certificate.mistyped"
        case certificateMalformed = "certificate.malformed"
        case certificateUnknown = "certificate.unknown"
        case certificateAlreadyRevoked = "certificate.already_revoked"
        case credentialInvalid = "credential.invalid"
        case keyFileInvalid = "key.invalid"
        case accountInvalid = "account.invalid"
        case accountExists = "account.exists"
        case accountUnknown = "account.unknown"
        case accountDisabled = "account.disabled"
        case signInRefused = "auth.refused"
        case signInThrottled = "auth.throttled"
        case notSignedIn = "auth.required"
        case forbidden = "auth.forbidden"
        case notFound = "not_found"
        case busy = "service.busy"
        case tooLarge = "request.too_large"
        case serviceStopped = "service.stopped"
        case serviceRestarted = "service.restarted"
        case lookupThrottled = "verify.throttled"
        case formExpired = "form.expired"
        case publicURLInvalid = "public_url.invalid"
        case publicURLMismatch = "public_url.mismatch"
        case conflictUnknown = "conflict.unknown"
        case conflictChoiceInvalid = "conflict.choice_invalid"
    }

    /// A stable machine code, e.g. `center.exists`.
    public struct Code: Sendable, Equatable, CustomStringConvertible {
        fileprivate let base: Base
        public static let migrationsNotFound = Code(base: .migrationsNotFound)
        public static let duplicateMigration = Code(base: .duplicateMigration)
        public static let migrationChanged = Code(base: .migrationChanged)
        public static let schemaNotReady = Code(base: .schemaNotReady)
        public static let databaseReadOnly = Code(base: .databaseReadOnly)
        public static let databaseUnavailable = Code(base: .databaseUnavailable)
        public static let unknownCommune = Code(base: .unknownCommune)
        public static let invalidCenterCode = Code(base: .invalidCenterCode)
        public static let invalidCenterName = Code(base: .invalidCenterName)
        public static let centerExists = Code(base: .centerExists)
        public static let unknownCenter = Code(base: .unknownCenter)
        public static let fileUnreadable = Code(base: .fileUnreadable)
        public static let fileUnwritable = Code(base: .fileUnwritable)
        public static let fileChanged = Code(base: .fileChanged)
        public static let fileRejected = Code(base: .fileRejected)
        public static let invalidArgument = Code(base: .invalidArgument)
        public static let certificationRefused = Code(base: .certificationRefused)
        public static let certificateMistyped = Code(base: .certificateMistyped)
        public static let certificateMalformed = Code(base: .certificateMalformed)
        public static let certificateUnknown = Code(base: .certificateUnknown)
        public static let certificateAlreadyRevoked = Code(base: .certificateAlreadyRevoked)
        public static let credentialInvalid = Code(base: .credentialInvalid)
        public static let keyFileInvalid = Code(base: .keyFileInvalid)
        public static let accountInvalid = Code(base: .accountInvalid)
        public static let accountExists = Code(base: .accountExists)
        public static let accountUnknown = Code(base: .accountUnknown)
        public static let accountDisabled = Code(base: .accountDisabled)
        public static let signInRefused = Code(base: .signInRefused)
        public static let signInThrottled = Code(base: .signInThrottled)
        public static let notSignedIn = Code(base: .notSignedIn)
        public static let forbidden = Code(base: .forbidden)
        public static let notFound = Code(base: .notFound)
        public static let busy = Code(base: .busy)
        public static let tooLarge = Code(base: .tooLarge)
        public static let serviceStopped = Code(base: .serviceStopped)
        public static let serviceRestarted = Code(base: .serviceRestarted)
        public static let lookupThrottled = Code(base: .lookupThrottled)
        public static let formExpired = Code(base: .formExpired)
        public static let publicURLInvalid = Code(base: .publicURLInvalid)
        public static let publicURLMismatch = Code(base: .publicURLMismatch)
        public static let conflictUnknown = Code(base: .conflictUnknown)
        public static let conflictChoiceInvalid = Code(base: .conflictChoiceInvalid)
        public var description: String { base.rawValue }
    }

    public let code: Code
    public let message: LocalizedText
    /// The rule that refused a certification, e.g. `completion.issuer_not_certified`.
    public private(set) var reason: String?
    /// Seconds to wait before trying again (`auth.throttled`).
    public private(set) var retryAfter: Int?

    private init(_ base: Base, vi: String, en: String) {
        self.code = Code(base: base)
        self.message = LocalizedText(vi: vi, en: en)
    }

    public func message(in language: Language) -> String { message.text(in: language) }

    public var description: String { "HocAIError(\(code)): \(message.en)" }

    static func migrationsNotFound(_ path: String) -> HocAIError {
        HocAIError(.migrationsNotFound,
            vi: "Không tìm thấy các tệp lược đồ (sql/NNN_*.sql) tại \(path). Chạy từ thư mục dự án hoặc đặt HOCAI_SQL_DIR.",
            en: "No schema files (sql/NNN_*.sql) found at \(path). Run from the project folder or set HOCAI_SQL_DIR.")
    }

    static func duplicateMigration(version: Int) -> HocAIError {
        HocAIError(.duplicateMigration,
            vi: "Hai tệp lược đồ cùng số \(version); mỗi số chỉ được dùng một lần.",
            en: "Two schema files share version \(version); each number may be used once.")
    }

    static func migrationChanged(name: String) -> HocAIError {
        HocAIError(.migrationChanged,
            vi: "Tệp lược đồ \(name) đã được áp dụng nhưng nay bị sửa. Hãy khôi phục tệp và đưa thay đổi vào một tệp mới.",
            en: "Schema file \(name) was applied and has since changed. Restore it and put the change in a new file.")
    }

    public static func schemaNotReady() -> HocAIError {
        HocAIError(.schemaNotReady,
            vi: "Cơ sở dữ liệu chưa có lược đồ hocai. Chạy `hocai migrate` trước.",
            en: "The database has no hocai schema yet. Run `hocai migrate` first.")
    }

    /// The database cannot be reached (refused, gone, or the connection broke): nothing was written.
    public static func databaseUnavailable() -> HocAIError {
        HocAIError(.databaseUnavailable,
            vi: "Không kết nối được cơ sở dữ liệu; chưa có gì được ghi. Thử lại sau ít phút, hoặc báo quản trị.",
            en: "The database cannot be reached; nothing was written. Try again in a few minutes, or tell the administrator.")
    }

    /// A write that reached a read-only copy of the register (a standby): refused, nothing written.
    public static func databaseReadOnly() -> HocAIError {
        HocAIError(.databaseReadOnly,
            vi: "Cơ sở dữ liệu đang chỉ cho đọc (bản sao dự phòng); chưa có gì được ghi. Thử lại sau ít phút, hoặc báo quản trị.",
            en: "The database is read-only just now (a standby copy); nothing was written. Try again in a few minutes, or tell the administrator.")
    }

    static func unknownCommune(_ input: String, suggestions: [String]) -> HocAIError {
        let vi = suggestions.isEmpty ? "" : " Có phải: \(suggestions.joined(separator: ", "))?"
        let en = suggestions.isEmpty ? "" : " Did you mean: \(suggestions.joined(separator: ", "))?"
        return HocAIError(.unknownCommune,
            vi: "Không có xã/phường \"\(input)\" trong 92 đơn vị của Thái Nguyên.\(vi)",
            en: "\"\(input)\" is not one of Thái Nguyên's 92 communes.\(en)")
    }

    /// A roster of a kind that needs the sending centre, sent without it (`ImportRequest`).
    static func centerNeeded() -> HocAIError {
        HocAIError(.invalidArgument,
            vi: "Cần mã trung tâm gửi danh sách này.",
            en: "The code of the centre sending this list is needed.")
    }

    static func invalidCenterCode(_ code: String) -> HocAIError {
        HocAIError(.invalidCenterCode,
            vi: "Mã trung tâm \"\(code)\" không hợp lệ: dùng 2–32 ký tự A–Z, 0–9, - hoặc _, bắt đầu bằng chữ hoặc số.",
            en: "Centre code \"\(code)\" is invalid: use 2–32 characters A–Z, 0–9, - or _, starting with a letter or digit.")
    }

    static func invalidCenterName() -> HocAIError {
        HocAIError(.invalidCenterName,
            vi: "Tên trung tâm không được để trống, dài tối đa 200 ký tự và không có ký tự điều khiển hay ký tự ẩn.",
            en: "The centre's name must not be empty, has at most 200 characters and no control or invisible characters.")
    }

    static func centerExists(_ code: String) -> HocAIError {
        HocAIError(.centerExists,
            vi: "Trung tâm \(code) đã có (mã hoặc tên trùng với một trung tâm khác).",
            en: "Centre \(code) already exists (its code or name is taken).")
    }

    public static func unknownCenter(_ code: String) -> HocAIError {
        HocAIError(.unknownCenter,
            vi: "Không có trung tâm mã \(code). Xem `hocai center list` hoặc thêm bằng `hocai center add`.",
            en: "No centre with code \(code). See `hocai center list` or add it with `hocai center add`.")
    }

    static func fileUnreadable(_ path: String, reason: LocalizedText) -> HocAIError {
        HocAIError(.fileUnreadable,
            vi: "Không đọc được tệp \(path): \(reason.vi).",
            en: "Cannot read file \(path): \(reason.en).")
    }

    /// An output that was not written, and why (the database is as the command left it).
    static func outputRefused(_ path: String, _ reason: LocalizedText) -> HocAIError {
        HocAIError(.fileUnwritable,
            vi: "Không ghi được tệp \(path): \(reason.vi).",
            en: "Cannot write file \(path): \(reason.en).")
    }

    /// A small input file (a credential, a key) that cannot be read, or is too large to be one.
    public static func unreadableInput(_ path: String) -> HocAIError {
        fileUnreadable(path, reason: LocalizedText(
            vi: "không có tệp này, không có quyền đọc, hoặc tệp quá lớn (hơn 1 MiB)",
            en: "there is no such file, no permission to read it, or it is too large (over 1 MiB)"))
    }

    static func fileChanged(_ path: String) -> HocAIError {
        HocAIError(.fileChanged,
            vi: "Tệp \(path) đã bị thay đổi trong lúc đang được đọc (bị ghi thêm, cắt bớt hoặc thay thế); không nhập gì. Đợi tệp được lưu xong rồi nhập lại.",
            en: "File \(path) changed while it was being read (appended to, truncated or replaced); nothing was imported. Wait until it is saved and import again.")
    }

    static func publicURLInvalid(_ input: String) -> HocAIError {
        HocAIError(.publicURLInvalid,
            vi: "Địa chỉ công khai \"\(input)\" không hợp lệ: cần dạng https://tên-miền[:cổng][/đường-dẫn], không có ? hay #.",
            en: "Public address \"\(input)\" is not valid: it must look like https://host[:port][/path], with no ? or #.")
    }

    static func publicURLMismatch(configured: String, registered: String) -> HocAIError {
        HocAIError(.publicURLMismatch,
            vi: "Máy chủ được giao địa chỉ \(configured) nhưng cơ sở dữ liệu công bố chứng chỉ tại \(registered): chứng chỉ đã cấp sẽ không khớp danh sách thu hồi của máy chủ này. Bỏ --public-url (HOCAI_PUBLIC_URL), hoặc đổi địa chỉ chung bằng `hocai public-url \(configured)`.",
            en: "The server was given the address \(configured) but the database publishes credentials at \(registered): credentials already issued would not match this server's status lists. Leave out --public-url (HOCAI_PUBLIC_URL), or change the shared address with `hocai public-url \(configured)`.")
    }

    static func conflictUnknown(_ id: Int) -> HocAIError {
        HocAIError(.conflictUnknown,
            vi: "Không có dòng nào đang chờ quyết định với số \(id). Xem danh sách xung đột (trang Xung đột danh tính, hoặc `hocai conflicts`).",
            en: "No held row has number \(id). See the list of conflicts (the Identity conflicts page, or `hocai conflicts`).")
    }

    static func conflictChoiceInvalid(_ message: LocalizedText) -> HocAIError {
        HocAIError(.conflictChoiceInvalid, vi: message.vi, en: message.en)
    }

    static func fileRejected(_ message: LocalizedText) -> HocAIError {
        HocAIError(.fileRejected, vi: message.vi, en: message.en)
    }

    public static func invalidArgument(vi: String, en: String) -> HocAIError {
        HocAIError(.invalidArgument, vi: vi, en: en)
    }

    static func certificationRefused(code: String, _ message: LocalizedText) -> HocAIError {
        var error = HocAIError(.certificationRefused, vi: "Không ghi nhận được: \(message.vi)", en: "Not recorded: \(message.en)")
        error.reason = code
        return error
    }

    /// What the user typed, as it may be echoed: a run of six digits or more (a CCCD typed where
    /// a code belongs, a phone number) keeps its first three and last two digits only.
    public static func echoed(_ input: String) -> String {
        var output = ""
        var digits = ""
        func flush() {
            output += digits.count >= 6 ? String(digits.prefix(3)) + String(repeating: "*", count: digits.count - 5) + String(digits.suffix(2)) : digits
            digits = ""
        }
        for character in input.prefix(64) {
            if character.isASCII && character.isNumber { digits.append(character) } else { flush(); output.append(character) }
        }
        flush()
        return input.count > 64 ? output + "…" : output
    }

    public static func certificateMistyped(_ input: String) -> HocAIError {
        let input = echoed(input)
        return HocAIError(.certificateMistyped,
            vi: "Mã \(input) có vẻ bị gõ sai (ký tự kiểm tra không khớp). Đọc lại mã trên giấy chứng nhận.",
            en: "Code \(input) looks mistyped (its check character does not match). Read the code on the certificate again.")
    }

    public static func certificateMalformed(_ input: String) -> HocAIError {
        let input = echoed(input)
        return HocAIError(.certificateMalformed,
            vi: "\(input) không phải mã chứng nhận: mã gồm 12 ký tự, dạng XXXX-XXXX-XXXX.",
            en: "\(input) is not a certificate code: codes have 12 characters, as XXXX-XXXX-XXXX.")
    }

    static func certificateUnknown(_ code: String) -> HocAIError {
        HocAIError(.certificateUnknown,
            vi: "Không có chứng nhận mã \(code).", en: "There is no certificate with code \(code).")
    }

    static func certificateAlreadyRevoked(_ code: String) -> HocAIError {
        HocAIError(.certificateAlreadyRevoked,
            vi: "Chứng nhận \(code) đã bị thu hồi trước đó.", en: "Certificate \(code) was already revoked.")
    }

    static func credentialInvalid(_ why: String) -> HocAIError {
        HocAIError(.credentialInvalid,
            vi: "Chứng chỉ số không hợp lệ: \(why).", en: "The credential is not valid: \(why).")
    }

    static func accountInvalid(vi: String, en: String) -> HocAIError {
        HocAIError(.accountInvalid, vi: vi, en: en)
    }

    static func accountExists(_ login: String) -> HocAIError {
        HocAIError(.accountExists, vi: "Tài khoản \(login) đã có.", en: "Account \(login) already exists.")
    }

    static func accountUnknown(_ login: String) -> HocAIError {
        HocAIError(.accountUnknown, vi: "Không có tài khoản \(login).", en: "There is no account \(login).")
    }

    static func accountDisabled(_ login: String) -> HocAIError {
        HocAIError(.accountDisabled, vi: "Tài khoản \(login) đã bị khoá.", en: "Account \(login) is disabled.")
    }

    public static func signInRefused() -> HocAIError {
        HocAIError(.signInRefused,
            vi: "Tên đăng nhập hoặc mật khẩu không đúng (hoặc tài khoản đã bị khoá).",
            en: "Wrong login or password (or the account is disabled).")
    }

    public static func signInThrottled(retryAfter: Int) -> HocAIError {
        var error = HocAIError(.signInThrottled,
            vi: "Đăng nhập sai quá nhiều lần; thử lại sau \(retryAfter / 60) phút.",
            en: "Too many failed sign-ins; try again in \(retryAfter / 60) minutes.")
        error.retryAfter = retryAfter
        return error
    }

    /// Too many certificate lookups from one address (so the register cannot be enumerated).
    public static func lookupThrottled(retryAfter: Int) -> HocAIError {
        var error = HocAIError(.lookupThrottled,
            vi: "Quá nhiều lượt tra cứu từ địa chỉ này; thử lại sau \(retryAfter) giây.",
            en: "Too many lookups from this address; try again in \(retryAfter) seconds.")
        error.retryAfter = retryAfter
        return error
    }

    public static func notSignedIn() -> HocAIError {
        HocAIError(.notSignedIn,
            vi: "Cần đăng nhập (phiên đăng nhập hoặc mã API: Authorization: Bearer).",
            en: "Sign in first (a session, or an API token: Authorization: Bearer).")
    }

    public static func forbidden() -> HocAIError {
        HocAIError(.forbidden,
            vi: "Tài khoản này không được làm việc này.", en: "This account may not do this.")
    }

    /// A form sent without the page's token (CSRF), or from a page too old.
    public static func formExpired() -> HocAIError {
        HocAIError(.formExpired,
            vi: "Biểu mẫu đã hết hạn hoặc không gửi từ trang của hocai. Tải lại trang rồi gửi lại.",
            en: "The form has expired or was not sent from hocai's page. Reload the page and send it again.")
    }

    public static func notFound() -> HocAIError {
        HocAIError(.notFound,
            vi: "Không có trang hoặc bản ghi này (hoặc tài khoản không được xem).",
            en: "There is no such page or record (or this account may not see it).")
    }

    public static func busy() -> HocAIError {
        HocAIError(.busy,
            vi: "Máy chủ đang bận; thử lại sau ít phút.", en: "The server is busy; try again in a few minutes.")
    }

    public static func tooLarge(limit: Int) -> HocAIError {
        let size = limit >= 1 << 20 ? "\(limit >> 20) MiB" : "\(max(1, limit >> 10)) KiB"
        return HocAIError(.tooLarge, vi: "Tệp quá lớn: tối đa \(size). Chia tệp thành nhiều phần rồi gửi từng phần.",
                          en: "The file is too large: at most \(size). Split it and send the parts one by one.")
    }

    /// An import the server stopped before it finished: rolled back, nothing written.
    public static func serviceStopped() -> HocAIError {
        HocAIError(.serviceStopped,
            vi: "Máy chủ dừng trước khi nhập xong; không có gì được ghi. Gửi lại tệp.",
            en: "The server stopped before the import finished; nothing was written. Send the file again.")
    }

    /// An import a server that died left behind (its transaction rolled back with it).
    public static func serviceRestarted() -> HocAIError {
        HocAIError(.serviceRestarted,
            vi: "Máy chủ đã dừng trong lúc nhập; không có gì được ghi. Gửi lại tệp.",
            en: "The server stopped during the import; nothing was written. Send the file again.")
    }

    static func keyFileInvalid(_ path: String) -> HocAIError {
        HocAIError(.keyFileInvalid,
            vi: "Tệp khoá \(path) không phải khoá Ed25519 (JWK) hợp lệ.", en: "Key file \(path) is not a valid Ed25519 key (JWK).")
    }
}
