/// Words of the report in the reader's language.
struct ReportLabels {
    let language: Language

    var vi: Bool { language == .vi }

    func group(_ group: ProgressReport.Group) -> String {
        switch group {
        case .experts: vi ? "Chuyên gia cấp tỉnh" : "Provincial experts"
        case .instructors: vi ? "Giảng viên nòng cốt" : "Core instructors"
        case .learners: vi ? "Người trong độ tuổi lao động thành thạo AI cơ bản" : "Working-age people proficient in basic AI"
        }
    }

    func date(_ date: CalendarDate) -> String { vi ? date.vietnameseFormat : date.description }

    var title: String { vi ? "Tiến độ \"Bình dân học AI\" tỉnh Thái Nguyên" : "\"Bình dân học AI\" progress, Thái Nguyên province" }
    func asOf(_ date: CalendarDate) -> String { (vi ? "Tính đến ngày " : "As of ") + self.date(date) }

    var header: [String] {
        vi ? ["Nhóm", "Chỉ tiêu", "Đạt", "%", "Còn thiếu", "Hạn", "Đạt hạn", "Tốc độ/ngày (28 ngày)", "Cần/ngày", "Dự kiến đạt"]
           : ["Group", "Target", "Achieved", "%", "Remaining", "Deadline", "Met by deadline", "Per day (28 days)", "Needed/day", "Projected"]
    }

    func met(_ value: Bool?) -> String {
        switch value {
        case .some(true): vi ? "Đạt" : "Met"
        case .some(false): vi ? "Không đạt" : "Missed"
        case nil: vi ? "Chưa đến hạn" : "Not yet due"
        }
    }

    func projection(_ target: ProgressReport.Target) -> String {
        if let met = target.dateMet { return (vi ? "Đã đạt " : "Met ") + date(met) }
        if let projected = target.projectedDate { return date(projected) }
        return vi ? "Chưa thể dự kiến" : "No pace yet"
    }

    func dimension(_ dimension: ProgressReport.Dimension) -> String {
        switch dimension {
        case .commune: vi ? "Theo xã/phường" : "By commune"
        case .center: vi ? "Theo trung tâm" : "By centre"
        case .sex: vi ? "Theo giới tính" : "By sex"
        case .age: vi ? "Theo nhóm tuổi" : "By age"
        case .month: vi ? "Lũy kế theo tháng" : "Cumulative by month"
        }
    }

    /// The age breakdown also shows all certified learners of each band (outside working age too).
    func breakdownHeader(_ dimension: ProgressReport.Dimension) -> [String] {
        let header = vi ? ["Mã", "Tên", "Đạt (độ tuổi lao động)", "Đã cấp chứng nhận"] : ["Key", "Name", "Achieved (working age)", "Certified"]
        return dimension == .age ? header : Array(header.prefix(3))
    }

    func rowName(_ row: ProgressReport.Row, dimension: ProgressReport.Dimension?) -> String {
        guard !vi else { return row.name }
        switch (dimension, row.key) {
        case (.sex, "M"): return "Male"
        case (.sex, "F"): return "Female"
        case (.age, "outside"): return "Outside working age"
        case (.age, "55-retirement"): return "55 to retirement"
        default: return row.name
        }
    }

    func learnerLines(_ report: ProgressReport) -> [String] {
        let detail = report.learners
        return vi ? [
            "Người tham gia (đã đăng ký học): \(detail.participants)",
            "Học viên đã được cấp chứng nhận (mọi độ tuổi): \(detail.certified), trong đó ngoài độ tuổi lao động: \(detail.certifiedOutsideWorkingAge)",
            "Chứng nhận đã thu hồi: " + report.targets.map { "\(group($0.group)) \($0.revoked)" }.joined(separator: "; "),
        ] : [
            "Participants (enrolled): \(detail.participants)",
            "Certified learners (any age): \(detail.certified), of whom outside working age: \(detail.certifiedOutsideWorkingAge)",
            "Revoked certificates: " + report.targets.map { "\(group($0.group)) \($0.revoked)" }.joined(separator: "; "),
        ]
    }
}

extension Double {
    func formatted(decimals: Int) -> String {
        var text = String(format: "%.\(decimals)f", self)
        if text == "-0" || text == "-0.0" { text = String(text.dropFirst()) }
        return text
    }
}
