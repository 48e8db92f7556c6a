import ArgumentParser
import Foundation
import HocAI

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Nhập danh sách từ tệp Excel (.xlsx) hoặc CSV của trung tâm (import a roster file).",
        discussion: """
            KIND: experts (chuyên gia cấp tỉnh, provincial expert trainers); instructors (giảng viên \
            nòng cốt, core instructors), learners (học viên và lớp học, learners and classes) and \
            completions (kết quả học tập hàng loạt, completion records in bulk), each with --center.

            Exit status: 0 every row accepted; 3 some rows rejected, the rest committed; 2 a dry run \
            that would reject some rows (nothing written); 1 nothing written (the file failed as a \
            whole, --all-or-nothing met a reject, or the rejects file could not be written); 64 \
            usage error. Exit 1 always means the database is unchanged.
            """
    )

    @Argument(help: "What the file lists: experts, instructors, learners or completions.")
    var kind: RosterKind

    @OptionGroup var roster: RosterImportOptions

    /// A missing or malformed `--center` is a usage error (64), found before the database is.
    func validate() throws {
        do {
            _ = try roster.request(kind: kind).validated()
        } catch let error as HocAIError {
            throw ValidationError("--center: " + error.message(in: roster.options.language))
        }
    }

    func run() throws { try roster.run(kind: kind) }
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
    var delimiter: CSVDelimiter?

    @Option(name: .long, help: "Encoding: utf-8, utf-16 or windows-1258 (default: detected).")
    var encoding: TextEncoding?

    @Flag(name: .long, help: "If any row is rejected, commit nothing.")
    var allOrNothing = false

    @Flag(name: .long, help: "Apply a file that was already imported (same SHA-256) again.")
    var force = false

    /// What these options ask for.
    func request(kind: RosterKind) -> ImportRequest {
        var request = ImportRequest(kind: kind, center: center)
        request.dryRun = dryRun
        request.allOrNothing = allOrNothing
        request.force = force
        request.delimiter = delimiter
        request.encoding = encoding
        request.sheet = sheet
        request.language = options.language
        return request
    }

    func run(kind: RosterKind) throws {
        let url = URL(fileURLWithPath: file)
        var settings = ImportOptions(request(kind: kind))
        settings.rejectsURL = rejects.map { URL(fileURLWithPath: $0) }
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
