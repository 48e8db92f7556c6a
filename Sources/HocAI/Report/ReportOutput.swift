import Foundation

/// The report as text for a terminal, JSON for programs, CSV for Excel, HTML for reading and sending.
public enum ReportFormat: String, Sendable, CaseIterable {
    case table, json, csv, html
}

extension ProgressReport {
    /// The Content-Security-Policy the HTML form is served under: nothing but its own style block.
    public static let htmlContentSecurityPolicy =
        "default-src 'none'; style-src \(ReportHTML.styleHash); img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    public func rendered(as format: ReportFormat, language: Language) -> String {
        switch format {
        case .table: table(language: language)
        case .json: json()
        case .csv: csv(language: language)
        case .html: ReportHTML(report: self, labels: ReportLabels(language: language)).document
        }
    }

    /// A target's row; `missing` stands where there is no value (a dash on screen, nothing in CSV).
    func targetCells(_ target: Target, _ labels: ReportLabels, missing: String = "-") -> [String] {
        [
            labels.group(target.group), String(target.target), String(target.achieved), target.percent.formatted(decimals: 1),
            String(target.remaining), labels.date(target.deadline), labels.met(target.metByDeadline),
            target.dailyRate.formatted(decimals: 1), target.neededDailyRate.map { $0.formatted(decimals: 1) } ?? missing,
            labels.projection(target),
        ]
    }

    func table(language: Language) -> String {
        let labels = ReportLabels(language: language)
        var text = labels.title + "\n" + labels.asOf(asOf) + "\n\n"
        text += TextTable(header: labels.header, rows: targets.map { targetCells($0, labels) }, rightAligned: [1, 2, 3, 4, 7, 8]).rendered
        text += "\n\n" + labels.learnerLines(self).joined(separator: "\n")
        if let dimension {
            text += "\n\n" + labels.dimension(dimension) + "\n"
            text += TextTable(header: labels.breakdownHeader(dimension), rows: breakdown.map {
                [$0.key, labels.rowName($0, dimension: dimension), String($0.achieved)] + ($0.certified.map { [String($0)] } ?? [])
            }, rightAligned: [2, 3]).rendered
        }
        return text
    }

    /// Stable keys: `as_of`, `targets` (`group`, `target`, `achieved`, `deadline`, …; learners also
    /// `participants`), `people_with_open_conflicts`, and with a breakdown `by` and `breakdown`
    /// rows (`key`, `name`, `achieved`).
    public func json() -> String {
        struct TargetJSON: Encodable {
            let group: String, target: Int, achieved: Int, deadline: String, percent: Double, remaining: Int
            let met_by_deadline: Bool?, achieved_at_deadline: Int?, date_met: String?
            let daily_rate_28d: Double, needed_daily_rate: Double?, projected_date: String?, revoked: Int
            let participants: Int?, certified_any_age: Int?, certified_outside_working_age: Int?
        }
        struct RowJSON: Encodable { let key: String, name: String, achieved: Int, certified: Int? }
        struct Output: Encodable {
            let as_of: String
            let targets: [TargetJSON]
            let people_with_open_conflicts: Int
            let by: String?
            let breakdown: [RowJSON]?
        }
        let output = Output(
            as_of: asOf.description,
            targets: targets.map { target in
                let learner = target.group == .learners
                return TargetJSON(
                    group: target.group.rawValue, target: target.target, achieved: target.achieved,
                    deadline: target.deadline.description, percent: (target.percent * 100).rounded() / 100,
                    remaining: target.remaining, met_by_deadline: target.metByDeadline,
                    achieved_at_deadline: target.achievedAtDeadline, date_met: target.dateMet?.description,
                    daily_rate_28d: (target.dailyRate * 100).rounded() / 100,
                    needed_daily_rate: target.neededDailyRate.map { ($0 * 100).rounded() / 100 },
                    projected_date: target.projectedDate?.description, revoked: target.revoked,
                    participants: learner ? learners.participants : nil, certified_any_age: learner ? learners.certified : nil,
                    certified_outside_working_age: learner ? learners.certifiedOutsideWorkingAge : nil)
            },
            people_with_open_conflicts: peopleWithOpenConflicts,
            by: dimension?.rawValue,
            breakdown: dimension.map { _ in breakdown.map { RowJSON(key: $0.key, name: $0.name, achieved: $0.achieved, certified: $0.certified) } })
        return String(decoding: (try? JSONText.encoded(output)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// UTF-8 with a BOM, comma-separated: opens as it should in Excel. Numbers are written as
    /// numbers (`-0.4`), a missing value as an empty cell; text that a spreadsheet would run as a
    /// formula gets the text marker.
    func csv(language: Language) -> String {
        let labels = ReportLabels(language: language)
        func cell(_ value: String) -> String {
            let number = !value.isEmpty && value.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }
                && value.contains(where: \.isNumber)
            return number ? value : RejectsFile.escape(value)
        }
        func line(_ cells: [String]) -> String { cells.map(cell).joined(separator: ",") + "\r\n" }
        var text = "\u{FEFF}" + line([labels.title, labels.asOf(asOf)])
        text += line(labels.header)
        for target in targets { text += line(targetCells(target, labels, missing: "")) }
        for note in labels.learnerLines(self) { text += line([note]) }
        if let dimension {
            text += "\r\n" + line([labels.dimension(dimension)]) + line(labels.breakdownHeader(dimension))
            for row in breakdown {
                text += line([row.key, labels.rowName(row, dimension: dimension), String(row.achieved)] + (row.certified.map { [String($0)] } ?? []))
            }
        }
        return text
    }
}
