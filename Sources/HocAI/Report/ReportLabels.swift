/// Words of the report in the reader's language, from the library's catalogs (`HocAIText`).
struct ReportLabels {
    let language: Language

    private func text(_ key: HocAIText) -> String { language.text(key) }

    func group(_ group: ProgressReport.Group) -> String {
        switch group {
        case .experts: text(.groupExperts)
        case .instructors: text(.groupInstructors)
        case .learners: text(.groupLearners)
        }
    }

    func date(_ date: CalendarDate) -> String { language.date(date) }

    var title: String { text(.reportTitle) }
    func asOf(_ date: CalendarDate) -> String { text(.asOf) + " " + self.date(date) }

    var header: [String] {
        [text(.columnGroup), text(.columnTarget), text(.columnAchieved), "%", text(.columnRemaining), text(.columnDeadline),
         text(.columnMetByDeadline), text(.columnDailyRate), text(.columnNeededDailyRate), text(.columnProjected)]
    }

    func met(_ value: Bool?) -> String {
        switch value {
        case .some(true): text(.met)
        case .some(false): text(.missed)
        case nil: text(.notYetDue)
        }
    }

    func projection(_ target: ProgressReport.Target) -> String {
        if let met = target.dateMet { return language.text(.metOn(date: date(met))) }
        if let projected = target.projectedDate { return date(projected) }
        return text(.noPaceYet)
    }

    func dimension(_ dimension: ProgressReport.Dimension) -> String {
        switch dimension {
        case .commune: text(.byCommune)
        case .center: text(.byCentre)
        case .sex: text(.bySex)
        case .age: text(.byAge)
        case .month: text(.cumulativeByMonth)
        }
    }

    /// Each breakdown's own columns (the age breakdown also shows all certified learners of each
    /// band, outside working age too; the months, the count at each month's end).
    func breakdownHeader(_ dimension: ProgressReport.Dimension) -> [String] {
        let achieved = text(.achievedWorkingAge)
        switch dimension {
        case .commune: return [text(.communeCode), text(.commune), achieved]
        case .center: return [text(.centreCode), text(.centre), achieved]
        case .sex: return [text(.code), text(.sex), achieved]
        case .age: return [text(.ageBand), text(.band), achieved, text(.certifiedAnyAge)]
        case .month: return [text(.month), text(.monthYear), text(.cumulativeAtMonthEnd)]
        }
    }

    var chartTitle: String { text(.chartTitle) }

    /// 500.000 (Vietnamese) or 500,000.
    func number(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(language.thousandsSeparator) }
            grouped.append(character)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    func targetMark(_ target: Int) -> String { language.text(.targetMark(target: number(target))) }

    func targetOffScale(_ target: Int, times: Double) -> String {
        let factor = times >= 10 ? number(Int(times.rounded())) : times.formatted(decimals: 1)
        return language.text(.targetOffScale(target: number(target), factor: factor))
    }

    /// A row's name from the database is Vietnamese; the rows with a fixed key have an English one.
    func rowName(_ row: ProgressReport.Row, dimension: ProgressReport.Dimension?) -> String {
        guard language == .en else { return row.name }
        switch (dimension, row.key) {
        case (.sex, "M"): return Sex.male.englishName
        case (.sex, "F"): return Sex.female.englishName
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
        return language.text(.learnersChanged(
            since: date(change.since), fell: change.change < 0, by: number(abs(change.change)),
            leftWorkingAge: number(change.leftWorkingAge), revoked: number(change.revoked)))
    }

    private func learnerCounts(_ detail: ProgressReport.LearnerDetail, _ report: ProgressReport) -> [String] {
        [
            language.text(.participants(detail.participants)),
            language.text(.certifiedLearners(certified: detail.certified, outsideWorkingAge: detail.certifiedOutsideWorkingAge)),
            language.text(.revokedCertificates(report.targets.map { "\(group($0.group)) \($0.revoked)" }.joined(separator: "; "))),
            language.text(.peopleHeld(report.peopleWithOpenConflicts)),
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
