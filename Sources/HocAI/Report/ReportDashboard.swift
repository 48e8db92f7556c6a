import Foundation

/// The officials' dashboard, as page content: a card per target (achieved, percent, remaining,
/// deadline, the pace of the last 28 days, the pace needed, the projected date), the learners'
/// notes with a falling figure explained, the chart on its own scale, then every breakdown in its
/// own table (communes sortable). The same figures as `report`'s JSON, which each element carries
/// in `data-` attributes under the JSON's key, so that a test can hold the page to the API.
public struct ReportDashboard: Sendable {
    /// The report without a breakdown: targets, learners, months.
    public let report: ProgressReport
    /// One report per dimension, for its breakdown.
    public let breakdowns: [ProgressReport]
    let labels: ReportLabels

    public init(report: ProgressReport, breakdowns: [ProgressReport], language: Language) {
        self.report = report
        self.breakdowns = breakdowns
        labels = ReportLabels(language: language)
    }

    public var title: String { labels.title }

    /// A breakdown's name ("Theo xã/phường").
    public static func name(of dimension: ProgressReport.Dimension, language: Language) -> String {
        ReportLabels(language: language).dimension(dimension)
    }

    public var content: HTML {
        let notes = labels.learnerLines(report).dropLast(labels.fallExplained(report.learnerChange) == nil ? 0 : 1)
        let fall: HTML = labels.fallExplained(report.learnerChange).map { text -> HTML in
            "<div class=\"verdict notice\" role=\"note\" data-fall=\"\(report.learnerChange.change)\">\(text)</div>"
        } ?? .empty
        let chart: HTML = report.monthly.isEmpty ? .empty : """
            <figure class="card"><figcaption>\(labels.chartTitle)</figcaption>\(HTML(svg: ProgressChart(report: report, language: labels.language).svg))</figure>
            """
        return """
            <h1>\(labels.title)</h1>
            <p class="muted" data-as-of="\(report.asOf.description)">\(labels.asOf(report.asOf))</p>
            <div class="cards">\(report.targets.map(card))</div>
            \(fall)
            <ul class="plain">\(notes.map { line -> HTML in "<li>\(line)</li>" })</ul>
            \(chart)
            \(breakdowns.compactMap(table))
            """
    }

    private func card(_ target: ProgressReport.Target) -> HTML {
        let language = labels.language
        let behind = target.dateMet == nil && (target.neededDailyRate.map { target.dailyRate < $0 } ?? (target.metByDeadline == false))
        let rounded = { (value: Double) in (value * 100).rounded() / 100 }
        func fact(_ label: String, _ key: String, _ value: String, shown: String) -> HTML {
            "<dt>\(label)</dt><dd data-field=\"\(key)\" data-value=\"\(value)\">\(shown)</dd>"
        }
        let header = labels.header
        return """
            <section class="card target\(behind ? " behind" : "")" data-group="\(target.group.rawValue)" aria-labelledby="target-\(target.group.rawValue)">
            <h2 id="target-\(target.group.rawValue)">\(labels.group(target.group))</h2>
            <p><span class="figure" data-field="achieved" data-value="\(target.achieved)">\(labels.number(target.achieved))</span>
            / <span data-field="target" data-value="\(target.target)">\(labels.number(target.target))</span>
            (<span data-field="percent" data-value="\(String(rounded(target.percent)))">\(target.percent.formatted(decimals: target.percent < 10 ? 2 : 1))%</span>)</p>
            <meter min="0" max="\(target.target)" value="\(min(target.achieved, target.target))" aria-label="\(language.text(.shareOfTarget))">\(target.percent.formatted(decimals: 1))%</meter>
            <dl class="facts">
            \(fact(header[4], "remaining", String(target.remaining), shown: labels.number(target.remaining)))
            \(fact(header[5], "deadline", target.deadline.description, shown: labels.date(target.deadline) + " · " + labels.met(target.metByDeadline)))
            \(fact(header[7], "daily_rate_28d", String(rounded(target.dailyRate)), shown: target.dailyRate.formatted(decimals: 1)))
            \(fact(header[8], "needed_daily_rate", target.neededDailyRate.map { String(rounded($0)) } ?? "", shown: target.neededDailyRate.map { $0.formatted(decimals: 1) } ?? "–"))
            \(fact(header[9], "projected_date", target.projectedDate?.description ?? "", shown: labels.projection(target)))
            \(fact(language.text(.revoked), "revoked", String(target.revoked), shown: labels.number(target.revoked)))
            </dl>
            \(behind ? HTML("<p class=\"behind-note\">\(language.text(.paceNotEnough))</p>") : .empty)
            </section>
            """
    }

    private func table(_ breakdown: ProgressReport) -> HTML? {
        guard let dimension = breakdown.dimension else { return nil }
        let headers = labels.breakdownHeader(dimension)
        let head = headers.enumerated().map { index, heading -> HTML in
            "<th scope=\"col\"\(index >= 2 ? HTML(" class=\"number\"") : .empty)>\(heading)</th>"
        }
        let rows = breakdown.breakdown.map { row -> HTML in
            """
            <tr data-key="\(row.key)"><td>\(row.key)</td><td><bdi>\(labels.rowName(row, dimension: dimension))</bdi></td>\
            <td class="number" data-field="achieved" data-value="\(row.achieved)">\(labels.number(row.achieved))</td>\
            \(row.certified.map { count -> HTML in "<td class=\"number\" data-field=\"certified\" data-value=\"\(count)\">\(labels.number(count))</td>" })</tr>
            """
        }
        let sortable: HTML = dimension == .month ? .empty : " data-sortable"
        return """
            <h2 id="by-\(dimension.rawValue)">\(labels.dimension(dimension))</h2>
            <div class="table-wrap"><table data-by="\(dimension.rawValue)"\(sortable)>
            <thead><tr>\(head)</tr></thead>
            <tbody>\(rows)</tbody>
            </table></div>
            """
    }
}
