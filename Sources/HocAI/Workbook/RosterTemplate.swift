import Foundation

/// The workbook a centre fills in for a roster kind: the first sheet has the Vietnamese headers
/// hocai reads, with every identifier, phone and date column formatted as Text (so no zero is
/// lost and no computer's locale swaps day and month) and lists to pick sex, result and the
/// commune from; the second sheet explains each column; the third holds the lists (the 92
/// communes of 2025, by name). Imported as it is, it is an empty roster.
public enum RosterTemplate {
    /// Rows of the roster sheet that offer the lists.
    static let listRows = 2...100_000

    public static func write(kind: RosterKind, communes: [Commune], language: Language, to target: OutputFile) throws {
        try workbook(kind: kind, communes: communes, language: language).write(to: target)
    }

    public static func data(kind: RosterKind, communes: [Commune], language: Language) throws -> Data {
        try workbook(kind: kind, communes: communes, language: language).data()
    }

    /// The file name offered: `mau-hoc-vien.xlsx` (Vietnamese, without marks).
    public static func fileName(of kind: RosterKind) -> String {
        switch kind {
        case .experts: "mau-chuyen-gia.xlsx"
        case .instructors: "mau-giang-vien.xlsx"
        case .learners: "mau-hoc-vien.xlsx"
        case .completions: "mau-ket-qua.xlsx"
        }
    }

    static func workbook(kind: RosterKind, communes: [Commune], language: Language) throws -> WorkbookWriter {
        let fields = fields(of: kind)
        let listSheet = language.text(.listsSheet)
        var validations: [WorkbookWriter.Validation] = []
        for (index, field) in fields.enumerated() {
            let source: String? = switch field {
            case .commune: "'\(listSheet)'!$A$2:$A$\(communes.count + 1)"
            case .sex: "'\(listSheet)'!$C$2:$C$3"
            case .result: "'\(listSheet)'!$D$2:$D$3"
            default: nil
            }
            if let source {
                validations.append(.init(
                    column: index + 1, firstRow: listRows.lowerBound, lastRow: listRows.upperBound, source: source,
                    prompt: explanation(field, kind: kind).text(in: language)))
            }
        }
        var workbook = WorkbookWriter()
        try workbook.addSheet(
            language.text(.rosterSheet),
            columns: fields.map { WorkbookWriter.Column(width: width(of: $0), format: isText($0) ? .text : .general) },
            header: fields.map(\.vietnameseHeader), validations: validations
        ) { _ in }
        try workbook.addSheet(
            language.text(.guideSheet),
            columns: [.init(width: 22), .init(width: 12), .init(width: 80, format: .wrapped), .init(width: 22, format: .text)],
            header: [HocAIText.columnHeading, .required, .howToFillIn, .example].map(language.text)
        ) { rows in
            for field in fields {
                let required = kind.columns[field] == true
                try rows.append([
                    .text(field.vietnameseHeader), .text(language.text(required ? .yes : .no)),
                    .text(explanation(field, kind: kind).text(in: language)), .text(example(field)),
                ])
            }
            try rows.append([])
            try rows.append([.text(language.text(.templateGuide))])
        }
        try workbook.addSheet(
            listSheet, columns: [.init(width: 28), .init(width: 10, format: .text), .init(width: 10), .init(width: 12)],
            header: [HocAIText.communeHeading, .code, .sex, .result].map(language.text)
        ) { rows in
            let sexes = ["Nam", "Nữ"], results = ["Đạt", "Không đạt"]
            for (index, commune) in communes.enumerated() {
                try rows.append([
                    .text(commune.fullName), .text(commune.code),
                    index < sexes.count ? .text(sexes[index]) : .empty, index < results.count ? .text(results[index]) : .empty,
                ])
            }
        }
        return workbook
    }

    /// The kind's columns, in the order a clerk fills them.
    public static func fields(of kind: RosterKind) -> [RosterField] {
        let order: [RosterField] = kind == .completions
            ? [.nationalID, .fullName, .classCode, .completedOn, .result, .score, .issuedBy]
            : RosterField.allCases
        return order.filter { kind.columns[$0] != nil }
    }

    /// Identifiers, phones and dates: kept as typed.
    static func isText(_ field: RosterField) -> Bool {
        switch field {
        case .nationalID, .trainedBy, .instructorID, .issuedBy, .phone, .dateOfBirth, .certifiedOn, .enrolledOn, .completedOn: true
        default: false
        }
    }

    static func width(of field: RosterField) -> Double {
        switch field {
        case .fullName, .commune: 28
        case .nationalID, .trainedBy, .instructorID, .issuedBy, .phone: 16
        case .sex, .result, .score: 11
        default: 15
        }
    }

    static func example(_ field: RosterField) -> String {
        switch field {
        case .fullName: "Nguyễn Thị Hoa"
        case .nationalID: "019190001234"
        case .dateOfBirth: "05/09/1990"
        case .sex: "Nữ"
        case .phone: "0912345678"
        case .commune: "Phường Phan Đình Phùng"
        case .certifiedOn, .enrolledOn: "01/06/2025"
        case .completedOn: "30/06/2025"
        case .trainedBy, .instructorID, .issuedBy: "019085000123"
        case .classCode: "TT01-L001"
        case .result: "Đạt"
        case .score: "8.5"
        }
    }

    static func explanation(_ field: RosterField, kind: RosterKind) -> LocalizedText {
        switch field {
        case .fullName:
            .init(vi: "Họ và tên đầy đủ, có dấu, như trên CCCD.", en: "The full name with its marks, as on the CCCD.")
        case .nationalID:
            .init(vi: "Số CCCD (định danh cá nhân) đủ 12 chữ số, kể cả số 0 đầu. Cột đã định dạng Văn bản để giữ số 0.",
                  en: "The 12-digit national ID (CCCD), leading zeros included. The column is formatted as Text to keep them.")
        case .dateOfBirth:
            .init(vi: "Ngày/tháng/năm, ví dụ 05/09/1990 (ngày trước tháng).", en: "Day/month/year, e.g. 05/09/1990 (day first).")
        case .sex:
            .init(vi: "Chọn Nam hoặc Nữ.", en: "Pick Nam (male) or Nữ (female).")
        case .phone:
            .init(vi: "Số di động 10 chữ số, bắt đầu bằng 0 (không bắt buộc).", en: "A 10-digit mobile number starting with 0 (optional).")
        case .commune:
            .init(vi: "Chọn xã/phường nơi thường trú trong danh sách 92 xã, phường của tỉnh (từ 01/07/2025).",
                  en: "Pick the commune or ward of residence from the province's 92 (from 1 July 2025).")
        case .certifiedOn:
            .init(vi: "Ngày được công nhận, ngày/tháng/năm.", en: "The day of certification, day/month/year.")
        case .trainedBy:
            .init(vi: "Số CCCD của chuyên gia đã đào tạo và công nhận giảng viên này.",
                  en: "The national ID of the expert who trained and certified this instructor.")
        case .classCode:
            .init(vi: "Mã lớp của trung tâm, ví dụ TT01-L001.", en: "The centre's class code, e.g. TT01-L001.")
        case .instructorID:
            .init(vi: "Số CCCD của giảng viên dạy lớp.", en: "The national ID of the class's instructor.")
        case .enrolledOn:
            .init(vi: "Ngày đăng ký học, ngày/tháng/năm.", en: "The day of enrolment, day/month/year.")
        case .completedOn:
            .init(vi: "Ngày hoàn thành khoá học, ngày/tháng/năm.", en: "The day the course was completed, day/month/year.")
        case .result:
            .init(vi: "Chọn Đạt hoặc Không đạt; để trống nếu chưa có kết quả.",
                  en: "Pick Đạt (pass) or Không đạt (fail); leave empty where there is no result yet.")
        case .score:
            .init(vi: "Điểm từ 0 đến 10 (không bắt buộc).", en: "A score from 0 to 10 (optional).")
        case .issuedBy:
            .init(vi: "Số CCCD của giảng viên ghi kết quả (không bắt buộc).", en: "The national ID of the instructor recording the result (optional).")
        }
    }
}
