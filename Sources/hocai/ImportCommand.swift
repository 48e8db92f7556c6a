import ArgumentParser
import Foundation
import HocAI

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Nhập danh sách từ tệp Excel (.xlsx) hoặc CSV của trung tâm (import a roster file).",
        discussion: """
            Exit status: 0 every row accepted; 3 some rows rejected, the rest committed; 2 a dry run \
            that would reject some rows (nothing written); 1 nothing written (the file failed as a \
            whole, --all-or-nothing met a reject, or the rejects file could not be written); 64 \
            usage error. Exit 1 always means the database is unchanged.
            """,
        subcommands: [Experts.self, Instructors.self, Learners.self, Completions.self]
    )

    struct Experts: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Chuyên gia cấp tỉnh (provincial expert trainers).")
        @OptionGroup var roster: RosterImportOptions
        func run() throws { try roster.run(kind: .experts) }
    }

    struct Instructors: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Giảng viên nòng cốt (core instructors); cần --center.")
        @OptionGroup var roster: RosterImportOptions
        func validate() throws { try roster.requireCenter() }
        func run() throws { try roster.run(kind: .instructors) }
    }

    struct Learners: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Học viên và lớp học (learners and classes); cần --center.")
        @OptionGroup var roster: RosterImportOptions
        func validate() throws { try roster.requireCenter() }
        func run() throws { try roster.run(kind: .learners) }
    }

    struct Completions: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Kết quả học tập hàng loạt (completion records in bulk); cần --center.")
        @OptionGroup var roster: RosterImportOptions
        func validate() throws { try roster.requireCenter() }
        func run() throws { try roster.run(kind: .completions) }
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// The options every roster import shares.
struct RosterImportOptions: ParsableArguments {
    @OptionGroup var options: GlobalOptions

    @Argument(help: "The roster: an Excel workbook (.xlsx, known by its content) or a CSV file (UTF-8, UTF-16 or Windows-1258; comma, semicolon or tab).")
    var file: String

    @Option(name: .long, help: "The workbook's sheet to read, by name (default: the first visible sheet).")
    var sheet: String?

    @Option(name: .long, help: "Code of the centre sending the file.")
    var center: String?

    @Flag(name: .long, help: "Check everything, including against the database, and write nothing.")
    var dryRun = false

    @Option(name: .long, help: "Where to write rejected rows (default: FILE's stem + .rejects.csv, or .rejects.xlsx for a workbook); replaces that file, never the roster or a link.")
    var rejects: String?

    @Option(name: .long, help: "Output: text or json.")
    var format: OutputFormat = .text

    @Option(name: .long, help: "Cell delimiter: , ; or tab (default: detected).")
    var delimiter: String?

    @Option(name: .long, help: "Encoding: utf-8, utf-16 or windows-1258 (default: detected).")
    var encoding: String?

    @Flag(name: .long, help: "If any row is rejected, commit nothing.")
    var allOrNothing = false

    @Flag(name: .long, help: "Apply a file that was already imported (same SHA-256) again.")
    var force = false

    func validate() throws {
        if let delimiter, CSVDelimiter(name: delimiter) == nil {
            throw ValidationError("--delimiter must be , ; or tab")
        }
        if let encoding, TextEncoding(name: encoding) == nil {
            throw ValidationError("--encoding must be utf-8, utf-16 or windows-1258")
        }
    }

    func requireCenter() throws {
        if center == nil { throw ValidationError("--center CODE is required: the centre sending this roster") }
    }

    func run(kind: RosterKind) throws {
        let url = URL(fileURLWithPath: file)
        var settings = ImportOptions(kind: kind)
        settings.centerCode = center
        settings.dryRun = dryRun
        settings.allOrNothing = allOrNothing
        settings.force = force
        settings.delimiter = delimiter.flatMap(CSVDelimiter.init(name:))
        settings.encoding = encoding.flatMap(TextEncoding.init(name:))
        settings.sheet = sheet
        settings.rejectsURL = rejects.map { URL(fileURLWithPath: $0) }
        settings.language = options.language
        settings.testHold = ImportOptions.testHold(from: ProcessInfo.processInfo.environment)
        let summary: ImportSummary
        do {
            let bar = ProgressBar()
            defer { bar.finish() }
            // A program reading JSON gets any failure as JSON too (and the message on stderr).
            summary = try options.withConnection(json: format == .json) { connection in
                try RosterImporter(connection: connection, logger: options.logger)
                    .run(file: url, options: settings, progress: bar.isActive ? bar.update : nil)
            }
        }
        Console.print(format == .json ? summary.json(language: options.language) : summary.text(language: options.language))
        if summary.exitStatus != 0 { throw ExitCode(summary.exitStatus) }
    }
}
