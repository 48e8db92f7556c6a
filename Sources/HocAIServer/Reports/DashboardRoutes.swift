import Foundation
import HocAI
import Hummingbird

/// The officials' dashboard (`/dashboard?as_of=YYYY-MM-DD`): `ReportDashboard` for the date, with
/// a date picker and the report's downloads (CSV and HTML, each breakdown). The figures are the
/// API's (`/api/v1/report`, the same service); a rendered dashboard is kept until they change.
struct DashboardRoutes {
    let database: ServerDatabase
    let secureCookies: Bool

    func add(to router: Router<HocAIContext>) {
        router.group("dashboard", for: .admin, .official).get { request, context in
            let account = try context.account()
            let page = Page(request, context, secureCookies: secureCookies)
            var date = CalendarDate.today()
            if let text = request.query("as_of"), !text.isEmpty {
                guard let parsed = CalendarDate(iso: text) else {
                    throw HocAIError.invalidArgument(.reportDateIsNotDateYear)
                }
                date = parsed
            }
            let asOf = date, language = context.language
            let key = "dashboard|\(date)|\(language.rawValue)"
            let content = try await database.cachedReport(key, as: account, context) { connection in
                let reports = ReportService(connection: connection, logger: connection.logger)
                let dashboard = ReportDashboard(
                    report: try reports.report(asOf: asOf),
                    breakdowns: try ProgressReport.Dimension.allCases.map { try reports.report(asOf: asOf, by: $0) },
                    language: language)
                return dashboard.content
            }
            return page.respond(title: page.language.text(.progress), """
                \(Self.picker(page, date))
                \(content)
                \(Self.downloads(page, date))
                """)
        }
    }

    static func picker(_ page: Page, _ date: CalendarDate) -> HTML {
        """
        <form class="inline no-print" method="get" action="/dashboard">
        <label>\(page.language.text(.asOf)) <input type="date" name="as_of" value="\(date.description)" required></label>
        <button type="submit">\(page.language.text(.show))</button>
        </form>
        """
    }

    static func downloads(_ page: Page, _ date: CalendarDate) -> HTML {
        let choices: [(String?, String)] = [(nil, page.language.text(.province))]
            + ProgressReport.Dimension.allCases.map { ($0.rawValue, ReportDashboard.name(of: $0, language: page.language)) }
        let rows = choices.map { by, name -> HTML in
            let query = "/api/v1/report?as_of=\(date.description)\(by.map { "&by=\($0)" } ?? "")&lang=\(page.language.rawValue)"
            return """
                <tr><td>\(name)</td><td><a href="\(query)&format=csv" download>CSV</a></td><td><a href="\(query)&format=html">HTML</a></td></tr>
                """
        }
        let workbook = "/api/v1/report?as_of=\(date.description)&lang=\(page.language.rawValue)&format=xlsx"
        return """
            <h2>\(page.language.text(.downloadReport))</h2>
            <p><a class="button" href="\(workbook)" download>\(page.language.text(.excelWorkbookXlsxTargetsAndEvery))</a></p>
            <div class="table-wrap"><table class="downloads">
            <thead><tr><th scope="col">\(page.language.text(.report))</th><th scope="col">Excel (CSV)</th><th scope="col">\(page.language.text(.printableHtml))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
    }
}
