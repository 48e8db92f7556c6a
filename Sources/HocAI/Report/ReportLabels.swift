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

    /// Each breakdown's own columns (the age breakdown also shows all certified learners of each
    /// band, outside working age too; the months, the count at each month's end).
    func breakdownHeader(_ dimension: ProgressReport.Dimension) -> [String] {
        let achieved = vi ? "Đạt (độ tuổi lao động)" : "Achieved (working age)"
        switch dimension {
        case .commune: return vi ? ["Mã xã/phường", "Xã/phường", achieved] : ["Commune code", "Commune", achieved]
        case .center: return vi ? ["Mã trung tâm", "Trung tâm", achieved] : ["Centre code", "Centre", achieved]
        case .sex: return vi ? ["Mã", "Giới tính", achieved] : ["Code", "Sex", achieved]
        case .age: return vi ? ["Nhóm tuổi", "Tên nhóm", achieved, "Đã cấp chứng nhận (mọi độ tuổi)"]
                             : ["Age band", "Band", achieved, "Certified (any age)"]
        case .month: return vi ? ["Tháng", "Tháng/năm", "Lũy kế cuối tháng (độ tuổi lao động)"]
                               : ["Month", "Month/year", "Cumulative at month's end (working age)"]
        }
    }

    var chartTitle: String {
        vi ? "Học viên đạt (độ tuổi lao động), lũy kế cuối mỗi tháng" : "Learners achieved (working age), cumulative at each month's end"
    }

    /// 500.000 (Vietnamese) or 500,000.
    func number(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(vi ? "." : ",") }
            grouped.append(character)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    func targetMark(_ target: Int) -> String { (vi ? "Chỉ tiêu " : "Target ") + number(target) }

    func targetOffScale(_ target: Int, times: Double) -> String {
        let factor = times >= 10 ? number(Int(times.rounded())) : times.formatted(decimals: 1)
        return vi ? "Chỉ tiêu \(number(target)): gấp \(factor) lần số đã đạt, nằm ngoài thang đo của biểu đồ"
                  : "Target \(number(target)): \(factor) times what is achieved, beyond the chart's scale"
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
        return learnerCounts(detail, report) + (fallExplained(report.learnerChange).map { [$0] } ?? [])
    }

    /// Said when the learners' count fell over the pace window, or people left working age in it.
    func fallExplained(_ change: ProgressReport.LearnerChange) -> String? {
        guard change.change < 0 || change.leftWorkingAge > 0 else { return nil }
        let since = date(change.since)
        if vi {
            let movement = change.change < 0 ? "giảm \(number(-change.change))" : "tăng \(number(change.change))"
            return "Từ \(since), số học viên tính vào chỉ tiêu \(movement): \(number(change.leftWorkingAge)) người đã đến tuổi nghỉ hưu nên không còn được tính vào độ tuổi lao động (chứng nhận của họ vẫn còn hiệu lực), \(number(change.revoked)) chứng nhận bị thu hồi."
        }
        let movement = change.change < 0 ? "fell by \(number(-change.change))" : "rose by \(number(change.change))"
        return "Since \(since), the learners counted toward the target \(movement): \(number(change.leftWorkingAge)) reached retirement age and no longer count as working age (their certificates stand), \(number(change.revoked)) certificates were revoked."
    }

    private func learnerCounts(_ detail: ProgressReport.LearnerDetail, _ report: ProgressReport) -> [String] {
        vi ? [
            "Người tham gia (đã đăng ký học): \(detail.participants)",
            "Học viên đã được cấp chứng nhận (mọi độ tuổi): \(detail.certified), trong đó ngoài độ tuổi lao động: \(detail.certifiedOutsideWorkingAge)",
            "Chứng nhận đã thu hồi: " + report.targets.map { "\(group($0.group)) \($0.revoked)" }.joined(separator: "; "),
            "Người có dòng đang chờ quản trị quyết định về danh tính (hiện tại; các dòng đó chưa được tính): \(report.peopleWithOpenConflicts)",
        ] : [
            "Participants (enrolled): \(detail.participants)",
            "Certified learners (any age): \(detail.certified), of whom outside working age: \(detail.certifiedOutsideWorkingAge)",
            "Revoked certificates: " + report.targets.map { "\(group($0.group)) \($0.revoked)" }.joined(separator: "; "),
            "People with rows held for an identity decision (now; those rows are not counted yet): \(report.peopleWithOpenConflicts)",
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
