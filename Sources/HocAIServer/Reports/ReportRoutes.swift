import Foundation
import HocAI
import Hummingbird

/// The progress report, as `hocai report` prints it for the same arguments, for officials and
/// administrators. Counts only, never a person. A rendered report is kept until the figures
/// change (`ReportCache`).
struct ReportRoutes {
    let database: ServerDatabase


    func add(to api: RouterGroup<HocAIContext>) {
        api.group("report", for: .admin, .official).get { request, context in
            let account = try context.account()
            let language = context.language
            var date = CalendarDate.today()
            if let text = request.query("as_of") {
                guard let parsed = CalendarDate(iso: text) else {
                    throw Problem.invalid("as_of", language, .dateAsYyyyMmDd)
                }
                date = parsed
            }
            var dimension: ProgressReport.Dimension?
            if let by = request.query("by") {
                guard let parsed = ProgressReport.Dimension(rawValue: by) else {
                    throw Problem.invalid("by", language, .communeCenterSexAgeOrMonth)
                }
                dimension = parsed
            }
            let asOf = date, by = dimension
            // A workbook: the targets and every breakdown (or the one asked for), a sheet each.
            if request.query("format") == "xlsx" {
                let data = try await database.read(.acting(as: account), context) { connection in
                    try ReportWorkbook(ReportService(connection: connection, logger: connection.logger), asOf: asOf, by: by)
                        .data(language: language)
                }
                return Reply.body(data, type: WorkbookWriter.mediaType, headers: [
                    .contentDisposition: "attachment; filename=\"\(ReportWorkbook.fileName(asOf: asOf))\"",
                ])
            }
            let format = try request.query("format").map { text -> ReportFormat in
                guard let format = ReportFormat(rawValue: text), format != .table else {
                    throw Problem.invalid("format", language, .jsonCsvHtmlOrXlsx)
                }
                return format
            } ?? .json
            let key = "\(date)|\(dimension?.rawValue ?? "-")|\(format.rawValue)|\(language.rawValue)"
            let body = try await database.cachedReport(key, as: account, context) { connection in
                try ReportService(connection: connection, logger: connection.logger).report(asOf: asOf, by: by)
                    .rendered(as: format, language: language)
            }
            let type = switch format {
            case .json: "application/json; charset=utf-8"
            case .csv: "text/csv; charset=utf-8"
            case .html, .table: "text/html; charset=utf-8"
            }
            return Reply.body(Data(body.utf8), type: type,
                              headers: format == .html ? [.contentSecurityPolicy: ProgressReport.htmlContentSecurityPolicy] : [:])
        }
    }
}
