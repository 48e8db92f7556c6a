import Crypto
import Foundation

/// One self-contained XHTML file (no network, no script): a bar per target, the learners' chart on
/// its own scale (`ProgressChart`), the notes, and the breakdown table with its own headers.
/// Figures carry `data-` attributes so tests can read them back. Its only style is one `<style>`
/// block, whose hash the server names in the page's Content-Security-Policy (`styleHash`), so the
/// file needs no `unsafe-inline` when served either.
struct ReportHTML {
    let report: ProgressReport
    let labels: ReportLabels

    static let style = """
        body{font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif;margin:24px;color:#1d2733;max-width:1100px}
        h1{font-size:22px;margin:0}.as-of{color:#5a6b7d;margin:4px 0 20px}
        .target{margin:14px 0}.meta{font-size:13px;color:#445566;margin-top:4px}
        svg.bar{width:100%;height:22px;display:block}svg.chart{width:100%;max-width:760px;height:auto}
        table{border-collapse:collapse;margin-top:10px;font-size:13px}td,th{border:1px solid #d0d7de;padding:3px 8px}
        td.n{text-align:right}th{background:#f0f3f6}
        """

    /// `'sha256-…'`, the hash of `style` as a Content-Security-Policy source.
    static var styleHash: String {
        "'sha256-" + Data(SHA256.hash(data: Data(style.utf8))).base64EncodedString() + "'"
    }

    var document: String {
        var targets: [HTML] = []
        for target in report.targets {
            let width = min(100, max(0, target.percent))
            let behind = target.dateMet == nil && (target.neededDailyRate.map { target.dailyRate < $0 } ?? (target.metByDeadline == false))
            targets.append("""
                <div class="target" data-group="\(target.group.rawValue)" data-target="\(target.target)" data-achieved="\(target.achieved)">
                <strong>\(labels.group(target.group))</strong>: \(labels.number(target.achieved)) / \(labels.number(target.target)) (\(target.percent.formatted(decimals: 1))%)
                <svg class="bar" viewBox="0 0 1000 22" preserveAspectRatio="none" role="img" aria-label="\(target.percent.formatted(decimals: 1))%"><rect width="1000" height="22" rx="6" fill="#e6ebf0"/><rect width="\((width * 10).formatted(decimals: 1))" height="22" rx="6" fill="\(behind ? "#c47f00" : "#1f7a4d")"/></svg>
                <div class="meta">\(labels.header[5]): \(labels.date(target.deadline)) · \(labels.met(target.metByDeadline)) · \(labels.header[7]): \(target.dailyRate.formatted(decimals: 1)) · \(labels.header[8]): \(target.neededDailyRate.map { $0.formatted(decimals: 1) } ?? "-") · \(labels.header[9]): \(labels.projection(target))</div>
                </div>
                """)
        }
        var breakdown: HTML = .empty
        if let dimension = report.dimension {
            let header = labels.breakdownHeader(dimension).map { heading -> HTML in "<th>\(heading)</th>" }
            let rows = report.breakdown.map { row -> HTML in
                """
                <tr data-key="\(row.key)" data-achieved="\(row.achieved)"><td>\(row.key)</td><td>\(labels.rowName(row, dimension: dimension))</td>\
                <td class="n">\(row.achieved)</td>\(row.certified.map { count -> HTML in "<td class=\"n\">\(count)</td>" })</tr>
                """
            }
            breakdown = """
                <h2>\(labels.dimension(dimension))</h2>
                <table data-by="\(dimension.rawValue)"><thead><tr>\(header)</tr></thead><tbody>
                \(rows)
                </tbody></table>
                """
        }
        let chart: HTML = report.monthly.isEmpty ? .empty : HTML(svg: ProgressChart(report: report, language: labels.language).svg)
        let notes = labels.learnerLines(report).map { line -> HTML in "<li>\(line)</li>" }
        let page: HTML = """
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="\(labels.language.rawValue)">
            <head><meta charset="utf-8"/><title>\(labels.title)</title>
            <style>\(HTML(css: Self.style))</style></head>
            <body>
            <h1>\(labels.title)</h1>
            <div class="as-of" data-as-of="\(report.asOf.description)">\(labels.asOf(report.asOf))</div>
            \(targets)
            <ul>\(notes)</ul>
            \(chart)
            \(breakdown)
            </body>
            </html>

            """
        return page.markup
    }
}
