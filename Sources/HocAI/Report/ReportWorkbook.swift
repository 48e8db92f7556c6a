import Foundation

/// The report as an Excel workbook: the targets on the first sheet, then one sheet per
/// breakdown. Counts and rates are numbers, percentages numbers shown as percent, deadlines and
/// projected dates date cells, months month cells; only names and labels are text.
public struct ReportWorkbook {
    public let report: ProgressReport
    /// The report once per breakdown (`ReportService.report(asOf:by:)`), in the order of the sheets.
    public let breakdowns: [ProgressReport]

    public init(report: ProgressReport, breakdowns: [ProgressReport]) {
        self.report = report
        self.breakdowns = breakdowns
    }

    /// The report on `date` with every breakdown, or only `dimension`'s, as the command and the
    /// service give it.
    public init(_ service: ReportService, asOf date: CalendarDate, by dimension: ProgressReport.Dimension? = nil) throws {
        self.init(
            report: try service.report(asOf: date),
            breakdowns: try (dimension.map { [$0] } ?? ProgressReport.Dimension.allCases).map { try service.report(asOf: date, by: $0) })
    }

    /// The file name offered for download: `tien-do-2025-11-30.xlsx`.
    public static func fileName(asOf date: CalendarDate) -> String { "tien-do-\(date.description).xlsx" }

    public func write(to target: OutputFile, language: Language) throws {
        try workbook(language: language).write(to: target)
    }

    public func data(language: Language) throws -> Data {
        try workbook(language: language).data()
    }

    private func workbook(language: Language) throws -> WorkbookWriter {
        let labels = ReportLabels(language: language)
        var workbook = WorkbookWriter()
        try workbook.addSheet(
            language.text(.targetsSheet),
            columns: [.init(width: 30), .init(width: 11), .init(width: 11), .init(width: 9, format: .percent), .init(width: 11),
                      .init(width: 12, format: .date), .init(width: 14), .init(width: 14), .init(width: 11), .init(width: 16, format: .date)],
            header: labels.header
        ) { rows in
            for target in report.targets {
                let projected: WorkbookWriter.Value = (target.dateMet ?? target.projectedDate).map { .date($0) } ?? .text(labels.projection(target))
                try rows.append([
                    .text(labels.group(target.group)), .integer(target.target), .integer(target.achieved), .number(target.percent / 100),
                    .integer(target.remaining), .date(target.deadline), .text(labels.met(target.metByDeadline)),
                    .number(Self.rounded(target.dailyRate)), target.neededDailyRate.map { .number(Self.rounded($0)) } ?? .empty, projected,
                ])
            }
            try rows.append([])
            try rows.append([.text(language.text(.asOf)), .date(report.asOf)])
            for line in labels.learnerLines(report) { try rows.append([.text(line)]) }
        }
        for breakdown in breakdowns {
            guard let dimension = breakdown.dimension else { continue }
            let header = labels.breakdownHeader(dimension)
            let keyFormat: WorkbookWriter.Format = dimension == .month ? .month : .text
            try workbook.addSheet(
                labels.dimension(dimension),
                columns: [.init(width: 14, format: keyFormat), .init(width: 30), .init(width: 16), .init(width: 16)], header: header
            ) { rows in
                for row in breakdown.breakdown {
                    let key: WorkbookWriter.Value = dimension == .month
                        ? CalendarDate.parse(row.key + "-01").map { .date($0) } ?? .text(row.key) : .text(row.key)
                    try rows.append([key, .text(labels.rowName(row, dimension: dimension)), .integer(row.achieved)]
                        + (row.certified.map { [.integer($0)] } ?? []))
                }
            }
        }
        return workbook
    }

    /// Rates to two decimals, as the JSON gives them.
    static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
