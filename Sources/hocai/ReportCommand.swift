import ArgumentParser
import Foundation
import HocAI

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Tiến độ so với chỉ tiêu (progress against the province's targets)."
    )

    @OptionGroup var options: GlobalOptions

    @Option(name: .long, help: "Report date, YYYY-MM-DD (default: today).")
    var asOf: CalendarDate?

    @Option(name: .long, help: "Breakdown: commune, center, sex, age or month.")
    var by: BreakdownOption?

    @Option(name: .long, help: "table, json, csv, html or xlsx (a workbook: one sheet per breakdown; needs --output).")
    var format: ReportFormatOption = .table

    @Option(name: .long, help: "Write to this file instead of stdout. An existing file is refused unless --force.")
    var output: String?

    @Flag(name: .long, help: "Replace an existing --output file.")
    var force = false

    func validate() throws {
        if format == .xlsx && output == nil { throw ValidationError("--format xlsx needs --output FILE.xlsx") }
    }

    func run() throws {
        let json = format == .json && output == nil
        let target = try options.report(json: json) { try output.map { try OutputFile(path: $0, existing: force ? .replace : .refuse) } }
        try options.withConnection(json: json) { connection in
            let service = ReportService(connection: connection, logger: options.logger)
            let date = asOf ?? .today()
            if format == .xlsx, let target {
                // Every breakdown, or the one asked for, each on its own sheet.
                try ReportWorkbook(service, asOf: date, by: by?.dimension).write(to: target, language: options.language)
                return
            }
            let report = try service.report(asOf: date, by: by?.dimension)
            let text = report.rendered(as: format.format, language: options.language)
            if let target {
                try target.write(text)
            } else {
                Console.print(text)
            }
        }
    }
}

enum BreakdownOption: String, ExpressibleByArgument, CaseIterable {
    case commune, center, sex, age, month
    var dimension: ProgressReport.Dimension { ProgressReport.Dimension(rawValue: rawValue)! }
}

enum ReportFormatOption: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, html, xlsx
    /// The text formats (`xlsx` is written apart, as a workbook).
    var format: ReportFormat { ReportFormat(rawValue: rawValue) ?? .table }
}
