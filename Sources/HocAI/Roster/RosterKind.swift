/// What a roster file lists.
public enum RosterKind: String, Sendable, CaseIterable {
    /// Provincial expert trainers, certified by the province.
    case experts
    /// Core instructors, each certified by an expert (`trained_by`).
    case instructors
    /// Learners and their classes, optionally with each one's result.
    case learners
    /// Results of learners already enrolled, in bulk.
    case completions

    /// Whether the import names the centre that sent the file.
    public var needsCenter: Bool { self != .experts }

    /// The columns a file of this kind must and may have.
    var columns: [RosterField: Bool] {
        let person: [RosterField: Bool] = [
            .fullName: true, .nationalID: true, .dateOfBirth: true, .sex: true, .phone: false, .commune: true,
        ]
        switch self {
        case .experts:
            return person.merging([.certifiedOn: true]) { $1 }
        case .instructors:
            return person.merging([.certifiedOn: true, .trainedBy: true]) { $1 }
        case .learners:
            return person.merging([
                .classCode: true, .instructorID: false, .enrolledOn: false,
                .completedOn: false, .result: false, .score: false,
            ]) { $1 }
        case .completions:
            return [.nationalID: true, .classCode: true, .completedOn: true, .result: true, .score: false,
                    .issuedBy: false, .fullName: false]
        }
    }
}

/// A column hocai understands, by canonical name.
public enum RosterField: String, Sendable, CaseIterable {
    case fullName = "full_name"
    case nationalID = "national_id"
    case dateOfBirth = "date_of_birth"
    case sex
    case phone
    case commune
    case certifiedOn = "certified_on"
    case trainedBy = "trained_by"
    case classCode = "class_code"
    case instructorID = "instructor_id"
    case enrolledOn = "enrolled_on"
    case completedOn = "completed_on"
    case result
    case score
    case issuedBy = "issued_by"

    /// Position in `allCases`.
    var ordinal: Int {
        switch self {
        case .fullName: 0
        case .nationalID: 1
        case .dateOfBirth: 2
        case .sex: 3
        case .phone: 4
        case .commune: 5
        case .certifiedOn: 6
        case .trainedBy: 7
        case .classCode: 8
        case .instructorID: 9
        case .enrolledOn: 10
        case .completedOn: 11
        case .result: 12
        case .score: 13
        case .issuedBy: 14
        }
    }

    /// Vietnamese (and English) headers that mean this column. `CCCD giảng viên` is the class's
    /// instructor in a learner roster and the issuer in a completions file.
    func aliases(in kind: RosterKind) -> [String] {
        switch self {
        case .fullName: ["Họ và tên", "Họ tên", "Họ và tên học viên", "Full name", "Name"]
        case .nationalID: ["Số CCCD", "CCCD", "CCCD/CMND", "Số định danh cá nhân", "Số định danh", "Mã định danh", "National ID"]
        case .dateOfBirth: ["Ngày sinh", "Ngày tháng năm sinh", "Date of birth", "DOB"]
        case .sex: ["Giới tính", "Gender"]
        case .phone: ["Số điện thoại", "SĐT", "SDT", "Điện thoại", "Phone number"]
        case .commune: ["Xã/Phường", "Xã / Phường", "Xã", "Phường", "Xã, phường", "Phường/Xã"]
        case .certifiedOn: ["Ngày công nhận", "Certified on"]
        case .trainedBy: ["CCCD chuyên gia", "Trained by"]
        case .classCode: ["Mã lớp", "Class code", "Class"]
        case .instructorID: kind == .completions ? [] : ["CCCD giảng viên", "Instructor ID"]
        case .enrolledOn: ["Ngày đăng ký", "Enrolled on"]
        case .completedOn: ["Ngày hoàn thành", "Completed on"]
        case .result: ["Kết quả"]
        case .score: ["Điểm"]
        case .issuedBy: kind == .completions ? ["CCCD giảng viên", "Issued by"] : []
        }
    }

    /// How a clerk reads this column: its main Vietnamese header.
    public var vietnameseHeader: String {
        switch self {
        case .fullName: "Họ và tên"
        case .nationalID: "Số CCCD"
        case .dateOfBirth: "Ngày sinh"
        case .sex: "Giới tính"
        case .phone: "Số điện thoại"
        case .commune: "Xã/Phường"
        case .certifiedOn: "Ngày công nhận"
        case .trainedBy: "CCCD chuyên gia"
        case .classCode: "Mã lớp"
        case .instructorID: "CCCD giảng viên"
        case .enrolledOn: "Ngày đăng ký"
        case .completedOn: "Ngày hoàn thành"
        case .result: "Kết quả"
        case .score: "Điểm"
        case .issuedBy: "CCCD giảng viên"
        }
    }

    /// The key a header is compared under: case, spacing, Unicode form and underscores ignored.
    static func headerKey(_ header: String) -> String {
        VietnameseText.matchingKey(header.replacingOccurrences(of: "_", with: " ").trimmingCharacters(in: .init(charactersIn: " :*")))
    }
}

/// Which cell holds which field, read from a file's header row.
public struct RosterHeader: Sendable {
    public let kind: RosterKind
    /// Field to 0-based cell index.
    public let positions: [RosterField: Int]
    /// The same, as an array by `RosterField.ordinal`, for the per-cell lookups of a large file.
    private let cellIndex: [Int?]
    /// The header cells as the file wrote them.
    public let names: [String]
    /// 0-based indexes of columns hocai does not know (ignored, with a warning).
    public let ignored: [Int]

    public enum Problem: Error, Sendable, Equatable {
        case missing([RosterField])
        case duplicated(RosterField, columns: [Int])
        case empty
    }

    public static func read(_ cells: [String], kind: RosterKind) -> Result<RosterHeader, Problem> {
        let allowed = kind.columns
        var exact: [String: RosterField] = [:]
        var folded: [String: RosterField] = [:]
        for field in allowed.keys {
            for name in [field.rawValue] + field.aliases(in: kind) {
                exact[RosterField.headerKey(name)] = field
                folded[VietnameseText.foldedKey(RosterField.headerKey(name))] = field
            }
        }
        var positions: [RosterField: Int] = [:]
        var ignored: [Int] = []
        var lastNonEmpty = -1
        for (index, cell) in cells.enumerated() where !cell.trimmingCharacters(in: .whitespaces).isEmpty {
            lastNonEmpty = index
            let key = RosterField.headerKey(cell)
            guard let field = exact[key] ?? folded[VietnameseText.foldedKey(key)] else {
                // hocai's own columns of a rejects file sent back are ignored without a word.
                if !RejectsFile.ownColumns.contains(cell) { ignored.append(index) }
                continue
            }
            if let previous = positions[field] { return .failure(.duplicated(field, columns: [previous + 1, index + 1])) }
            positions[field] = index
        }
        guard lastNonEmpty >= 0 else { return .failure(.empty) }
        let missing = RosterField.allCases.filter { allowed[$0] == true && positions[$0] == nil }
        guard missing.isEmpty else { return .failure(.missing(missing)) }
        return .success(RosterHeader(kind: kind, positions: positions, names: Array(cells.prefix(lastNonEmpty + 1)), ignored: ignored))
    }

    private init(kind: RosterKind, positions: [RosterField: Int], names: [String], ignored: [Int]) {
        self.kind = kind
        self.positions = positions
        self.names = names
        self.ignored = ignored
        cellIndex = RosterField.allCases.map { positions[$0] }
    }

    public func has(_ field: RosterField) -> Bool { positions[field] != nil }

    /// The cell for `field` in `record`, or "" where the row is short or the column absent.
    func value(_ field: RosterField, in fields: [String]) -> String {
        guard let index = cellIndex[field.ordinal], index < fields.count else { return "" }
        return fields[index]
    }

    /// 1-based column number of `field`, as a spreadsheet user counts.
    public func column(of field: RosterField) -> Int? { positions[field].map { $0 + 1 } }
}
