import Foundation

/// One self-contained XHTML file (no network): a progress bar per target, the breakdown table and
/// an SVG chart of the learners' cumulative count against the target, with the projection.
/// Figures carry `data-` attributes so tests can read them back.
struct ReportHTML {
    let report: ProgressReport
    let labels: ReportLabels

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    var document: String {
        let e = Self.escape
        var html = """
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="\(labels.vi ? "vi" : "en")">
            <head><meta charset="utf-8"/><title>\(e(labels.title))</title>
            <style>
            body{font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif;margin:24px;color:#1d2733;max-width:1100px}
            h1{font-size:22px;margin:0}.as-of{color:#5a6b7d;margin:4px 0 20px}
            .target{margin:14px 0}.bar{background:#e6ebf0;border-radius:6px;height:22px;overflow:hidden}
            .fill{background:#1f7a4d;height:22px}.fill.behind{background:#c47f00}
            .meta{font-size:13px;color:#445566;margin-top:4px}
            table{border-collapse:collapse;margin-top:10px;font-size:13px}td,th{border:1px solid #d0d7de;padding:3px 8px}
            td.n{text-align:right}th{background:#f0f3f6}
            </style></head>
            <body>
            <h1>\(e(labels.title))</h1>
            <div class="as-of" data-as-of="\(report.asOf.description)">\(e(labels.asOf(report.asOf)))</div>

            """
        for target in report.targets {
            let width = min(100, target.percent)
            let behind = target.dateMet == nil && (target.neededDailyRate.map { target.dailyRate < $0 } ?? (target.metByDeadline == false))
            html += """
                <div class="target" data-group="\(target.group.rawValue)" data-target="\(target.target)" data-achieved="\(target.achieved)">
                <strong>\(e(labels.group(target.group)))</strong>: \(target.achieved) / \(target.target) (\(target.percent.formatted(decimals: 1))%)
                <div class="bar"><div class="fill\(behind ? " behind" : "")" style="width:\(width.formatted(decimals: 1))%"></div></div>
                <div class="meta">\(e(labels.header[5])): \(e(labels.date(target.deadline))) · \(e(labels.met(target.metByDeadline))) · \(e(labels.header[7])): \(target.dailyRate.formatted(decimals: 1)) · \(e(labels.header[8])): \(target.neededDailyRate.map { $0.formatted(decimals: 1) } ?? "-") · \(e(labels.header[9])): \(e(labels.projection(target)))</div>
                </div>

                """
        }
        html += "<ul>" + labels.learnerLines(report).map { "<li>\(e($0))</li>" }.joined() + "</ul>\n"
        html += chart
        if let dimension = report.dimension {
            html += "<h2>\(e(labels.dimension(dimension)))</h2>\n<table data-by=\"\(dimension.rawValue)\"><tr>"
            html += labels.breakdownHeader(dimension).map { "<th>\(e($0))</th>" }.joined() + "</tr>\n"
            for row in report.breakdown {
                html += "<tr data-key=\"\(e(row.key))\" data-achieved=\"\(row.achieved)\"><td>\(e(row.key))</td><td>\(e(labels.rowName(row, dimension: dimension)))</td>"
                html += "<td class=\"n\">\(row.achieved)</td>" + (row.certified.map { "<td class=\"n\">\($0)</td>" } ?? "") + "</tr>\n"
            }
            html += "</table>\n"
        }
        return html + "</body>\n</html>\n"
    }

    /// The learners' cumulative count by month against the target line, with the projection dashed.
    var chart: String {
        guard let learners = report.target(.learners), !report.monthly.isEmpty else { return "" }
        let width = 760.0, height = 300.0, left = 70.0, bottom = 30.0, top = 20.0
        let start = report.monthly[0].month
        let end = max(learners.projectedDate ?? learners.deadline, learners.deadline, report.asOf)
        let span = Double(max(end.daysSinceEpoch - start.daysSinceEpoch, 1))
        let maxValue = Double(max(learners.target, report.monthly.map(\.achieved).max() ?? 0)) * 1.1
        func x(_ date: CalendarDate) -> Double { left + (width - left - 10) * Double(date.daysSinceEpoch - start.daysSinceEpoch) / span }
        func y(_ value: Double) -> Double { top + (height - top - bottom) * (1 - value / maxValue) }
        let points = report.monthly.map { point -> String in
            let day = min(point.month.adding(months: 1).adding(days: -1), report.asOf)
            return "\(x(day).formatted(decimals: 1)),\(y(Double(point.achieved)).formatted(decimals: 1))"
        }.joined(separator: " ")
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" role="img">
            <rect x="0" y="0" width="\(Int(width))" height="\(Int(height))" fill="#ffffff"/>
            <line x1="\(left)" y1="\(y(0))" x2="\(width - 10)" y2="\(y(0))" stroke="#8899aa"/>
            <line x1="\(left)" y1="\(top)" x2="\(left)" y2="\(y(0))" stroke="#8899aa"/>
            <line x1="\(left)" y1="\(y(Double(learners.target)).formatted(decimals: 1))" x2="\(width - 10)" y2="\(y(Double(learners.target)).formatted(decimals: 1))" stroke="#c0392b" stroke-dasharray="2,3"/>
            <text x="\(left + 4)" y="\((y(Double(learners.target)) - 4).formatted(decimals: 1))" font-size="11" fill="#c0392b">\(labels.vi ? "Chỉ tiêu" : "Target") \(learners.target)</text>
            <line x1="\(x(learners.deadline).formatted(decimals: 1))" y1="\(top)" x2="\(x(learners.deadline).formatted(decimals: 1))" y2="\(y(0))" stroke="#c0392b" stroke-width="0.5"/>
            <polyline fill="none" stroke="#1f7a4d" stroke-width="2.5" points="\(points)"/>

            """
        if let projected = learners.projectedDate {
            svg += "<line x1=\"\(x(report.asOf).formatted(decimals: 1))\" y1=\"\(y(Double(learners.achieved)).formatted(decimals: 1))\" x2=\"\(x(projected).formatted(decimals: 1))\" y2=\"\(y(Double(learners.target)).formatted(decimals: 1))\" stroke=\"#1f7a4d\" stroke-dasharray=\"6,4\"/>\n"
        }
        svg += "<text x=\"4\" y=\"\(top + 4)\" font-size=\"11\">\(Int((maxValue / 1.1).rounded()))</text>\n"
        svg += "<text x=\"\(left)\" y=\"\(height - 8)\" font-size=\"11\">\(Self.escape(labels.date(start)))</text>\n"
        svg += "<text x=\"\(width - 90)\" y=\"\(height - 8)\" font-size=\"11\">\(Self.escape(labels.date(end)))</text>\n"
        return svg + "</svg>\n"
    }
}
