import ArgumentParser
import Foundation
import HocAI

struct SampleRosterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample-roster",
        abstract: "Tạo danh sách mẫu để thử (generate a realistic sample roster).",
        discussion: """
            The same --seed gives the same people, so experts, instructors and learners generated with \
            one seed form a consistent cascade. --messy injects every defect the importer catches.
            """
    )

    @Argument(help: "experts, instructors, learners or completions.")
    var kind: RosterKind

    @Option(name: .long, help: "Number of data rows.")
    var rows: Int = 1000

    @Option(name: .long, help: "Output file: a CSV file, or an Excel workbook where it ends in .xlsx (every cell text).")
    var output: String

    @Option(name: .long, help: "Seed: the same seed gives the same people.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Seed of the experts and instructors the roster refers to (default: --seed).")
    var cascadeSeed: UInt64?

    @Option(name: .long, help: "Centre code used in class codes.")
    var center: String = "TT01"

    @Option(name: .long, help: "Number of experts in the cascade (instructors are trained by them).")
    var experts: Int = 30

    @Option(name: .long, help: "Number of instructors in the cascade (learner classes are taught by them).")
    var instructors: Int = 300

    @Option(name: .long, help: "Share of learner rows that carry a result (0 for an enrolment roster).")
    var results: Double = 0.7

    @Option(name: .long, help: "Share of rows given each defect (e.g. 0.005); 0 for a clean file.")
    var messy: Double = 0

    @Option(name: .long, help: "Share of rows that conflict with another row of the same CCCD (default: --messy).")
    var conflicts: Double?

    @Option(name: .long, help: "utf-8, utf-8-bom (Excel's \"CSV UTF-8\"), utf-16 or windows-1258.")
    var encoding: SampleEncoding = .utf8

    @Option(name: .long, help: "Cell delimiter: , ; or tab.")
    var delimiter: CSVDelimiter = .comma

    @Option(name: .long, help: "Write the injected defect counts here, as JSON.")
    var expect: String?

    @Option(name: .long, help: "\"Today\" for ages and dates, yyyy-mm-dd.")
    var today: CalendarDate = SampleRoster.Settings.defaultToday

    func validate() throws {
        guard rows >= 0, (0...0.07).contains(messy), (0...1).contains(results), (0...0.2).contains(conflicts ?? 0) else {
            throw ValidationError("--rows ≥ 0, --messy from 0 to 0.07, --conflicts from 0 to 0.2, --results from 0 to 1")
        }
    }

    func run() throws {
        let communes = try CommuneDirectory.shipped(sqlDirectory: Migration.locateDirectory())
        var settings = SampleRoster.Settings(kind: kind, rows: rows, communes: communes.communes)
        settings.seed = seed
        settings.cascadeSeed = cascadeSeed
        settings.centerCode = center
        settings.experts = experts
        settings.instructors = instructors
        settings.defectRate = messy
        if let conflicts { settings.defectRates[.conflictingDuplicate] = conflicts }
        settings.resultRate = results
        settings.today = today
        var roster = SampleRoster(settings: settings)
        if output.lowercased().hasSuffix(".xlsx") {
            try roster.writeWorkbook(to: URL(fileURLWithPath: output))
        } else {
            try roster.write(
            to: URL(fileURLWithPath: output), encoding: encoding.textEncoding, byteOrderMark: encoding == .utf8BOM,
                delimiter: delimiter)
        }
        if let expect {
            let counts = Dictionary(uniqueKeysWithValues: roster.expected.map { ($0.key.code.rawValue, $0.value) })
            let data = try JSONText.data(counts)
            try data.write(to: URL(fileURLWithPath: expect))
        }
    }
}

/// How a sample CSV is encoded: the roster encodings, and UTF-8 with a byte-order mark.
enum SampleEncoding: String, ExpressibleByArgument, CaseIterable {
    case utf8 = "utf-8"
    case utf8BOM = "utf-8-bom"
    case utf16 = "utf-16"
    case windows1258 = "windows-1258"

    var textEncoding: TextEncoding {
        switch self {
        case .utf8, .utf8BOM: .utf8
        case .utf16: .utf16
        case .windows1258: .windows1258
        }
    }
}
