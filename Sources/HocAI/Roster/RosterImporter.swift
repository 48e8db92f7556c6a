import Crypto
import Foundation
import Logging
import PostgresLibPQ

/// Imports a roster file: every row is either imported or returned with a reason.
///
/// The design keeps memory flat and the database doing set work: the file is streamed (never
/// held whole), each record is checked as it is read, only clean typed rows go through COPY into
/// a temporary staging table, and the checks against the register and the merges run set-wise
/// in key order (`RosterMerge`). Everything happens in one transaction, so a failure or a killed
/// process leaves the database as it was; a dry run rolls it back on purpose.
public final class RosterImporter {
    let connection: PostgresConnection
    let logger: Logger

    public init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// Where an import is, for a progress bar.
    public struct Progress: Sendable {
        public let rows: Int
        public let bytesRead: Int
        public let totalBytes: Int

        public init(rows: Int, bytesRead: Int, totalBytes: Int) {
            self.rows = rows
            self.bytesRead = bytesRead
            self.totalBytes = totalBytes
        }

        /// How much of the file is read, 0 to 100 (whole percent).
        public var percent: Int { totalBytes > 0 ? min(100, bytesRead * 100 / totalBytes) : 0 }
    }

    public func run(file url: URL, options: ImportOptions, progress: ((Progress) -> Void)? = nil) throws -> ImportSummary {
        let file = try RosterFile.inspect(
            url, forcedEncoding: options.encoding, snapshot: options.snapshot, sheet: options.sheet, name: options.fileName)
        return try run(source: .file(url, file), options: options, progress: progress)
    }

    /// Where the rows come from: a roster file, or records built in code (one `hocai certify`),
    /// which go through the very same checks and merges.
    enum Source {
        case file(URL, RosterFile)
        case records(name: String, header: [String], rows: [[String]])

        var name: String {
            switch self {
            case .file(let url, _): url.lastPathComponent
            case .records(let name, _, _): name
            }
        }

        var sha256: String {
            switch self {
            case .file(_, let file): file.rosterDigest
            case .records(_, let header, let rows):
                SHA256.hexDigest(of: Data(([header] + rows).map { $0.joined(separator: "\u{1F}") }.joined(separator: "\n").utf8))
            }
        }
    }

    /// Records one row of `kind` given by field, as if it were a one-row file.
    func run(row: [RosterField: String], name: String, options: ImportOptions) throws -> ImportSummary {
        let fields = RosterField.allCases.filter { row[$0] != nil }
        return try run(
            source: .records(name: name, header: fields.map(\.rawValue), rows: [fields.map { row[$0] ?? "" }]), options: options)
    }

    func run(source: Source, options: ImportOptions, progress: ((Progress) -> Void)? = nil) throws -> ImportSummary {
        var summary = ImportSummary(
            file: options.fileName ?? source.name, sha256: source.sha256, kind: options.kind, centerCode: nil,
            encoding: .utf8, delimiter: options.delimiter, batchID: nil, dryRun: options.dryRun)
        // Where the rejects will go, checked before anything is read or written: not a link, a
        // folder, or the roster itself.
        var rejectsTarget: OutputFile?
        if case .file(let url, let file) = source {
            summary.describe(file)
            let path = (options.rejectsURL ?? ImportOptions.defaultRejectsURL(for: url, format: file.format)).path
            rejectsTarget = try OutputFile(path: path, existing: .replace, inputs: [url])
        }
        var clock = PhaseClock(logger: logger)
        // If this process dies mid-statement, the server notices within a second and rolls back,
        // instead of finishing a long merge for nobody while holding the import lock.
        try connection.execute(unsafeSQL: "SET client_connection_check_interval = '1s'")
        // Everything, the first reads included, in one transaction: it carries the caller's
        // scope where there is one (`PostgresConnection.transactionPrelude`).
        let depth = connection.transactionDepth
        try connection.begin()
        let communes: CommuneDirectory
        do {
            communes = try CommuneDirectory.load(from: connection)
            if let code = try options.request.validated().center {
                summary.centerCode = try CenterService(connection: connection, logger: logger).require(code).code
            }
            if !options.force, let batch = try previousImport(sha256: summary.sha256, options: options, center: summary.centerCode) {
                try connection.rollback()
                summary.alreadyImported = true
                summary.batchID = batch
                logger.info("file already imported; skipped", metadata: ["batch": "\(batch)", "kind": "\(options.kind.rawValue)"])
                return summary
            }
        } catch {
            if connection.transactionDepth > depth { try? connection.rollback() }
            throw error
        }
        var parse: ParseState
        var rejectsWritten: URL?
        do {
            try RosterStage.create(on: connection)
            let batchID = try connection.query("""
                INSERT INTO import_batches (kind, file_name, sha256, center_code)
                VALUES (\(options.kind.rawValue), \(summary.file), \(summary.sha256), \(summary.centerCode))
                RETURNING id
                """).scalar(Int.self)
            summary.batchID = batchID

            // A learner roster sent again is read twice (`UnchangedRows`): the progress bar counts
            // both readings as one, from 0 to 100%.
            var unchanged = UnchangedRows()
            if case .file(_, let file) = source {
                unchanged = try UnchangedRows.find(
                    in: file, delimiter: options.delimiter, kind: options.kind, centerCode: summary.centerCode,
                    connection: connection, logger: logger,
                    progress: progress.map { progress in
                        { rows, bytesRead in progress(Progress(rows: rows, bytesRead: bytesRead, totalBytes: 2 * file.size)) }
                    })
                clock.lap("unchanged rows", rows: unchanged.lines.count)
            }
            let readings = unchanged.fileWasRead ? 2 : 1
            parse = ParseState(
                kind: options.kind, communes: communes, today: options.today, centerCode: summary.centerCode,
                unchangedLines: unchanged.lines)
            parse.encoding = summary.encoding
            var heldWhileReading = false
            try connection.copyIn(RosterStage.copyStatement) { writer in
                switch source {
                case .file(_, let file):
                    summary.delimiter = try file.readRecords(
                        delimiter: options.delimiter,
                        started: { parse.delimiter = $0 },
                        progress: { bytesRead in
                            progress?(Progress(
                                rows: parse.rows, bytesRead: (readings - 1) * file.size + bytesRead, totalBytes: readings * file.size))
                        }) { record in
                            try parse.handle(record, writer: &writer)
                            if !heldWhileReading && writer.bytesSent > 0 {
                                heldWhileReading = true
                                try holdOnSecondConnection(at: .reading, options)
                            }
                        }
                    try parse.flush(writer: &writer)
                case .records(_, let header, let rows):
                    for (index, fields) in ([header] + rows).enumerated() {
                        var record = CSVRecordBatch()
                        record.append(line: index + 1, fields: fields)
                        try parse.handle(record, writer: &writer)
                    }
                    try parse.flush(writer: &writer)
                }
            }
            clock.lap("parse and copy", rows: parse.rows)
            guard let header = parse.header else {
                throw HocAIError.fileRejected(LocalizedText(vi: "Tệp trống: không có dòng tiêu đề.", en: "The file is empty: no header row."))
            }
            if let encoding = parse.legacyEncodingOfFile {
                throw HocAIError.fileRejected(LocalizedText(
                    vi: "Tệp có vẻ được gõ bằng bảng mã cũ \(encoding.rawValue), không phải Unicode. Chuyển sang Unicode (Unikey: Công cụ chuyển mã) rồi nhập lại. Chưa có gì được ghi.",
                    en: "The file seems typed in the legacy \(encoding.rawValue) encoding, not Unicode. Convert it to Unicode (e.g. Unikey's converter) and import again. Nothing was written."))
            }

            let merge = RosterMerge(
                connection: connection, kind: options.kind, centerCode: summary.centerCode, batchID: batchID,
                repeatedIDs: parse.repeatedIDs.candidates.sorted(), holds: options.holdsConflicts)
            try merge.run { try hold(at: .checks, options) }
            clock.lap("checks", rows: parse.rows)
            try merge.rejects { line, code, field, otherLine, cause in
                parse.addDatabaseReject(line: line, code: code, field: field, otherLine: otherLine, cause: cause, header: header)
            }
            try merge.held { line, differs, cause in parse.addHeld(line: line, differs: differs, cause: cause, header: header) }
            parse.rejects.sort()
            summary.rows = parse.rows
            summary.rejects = parse.rejects.prefix(ImportSummary.rejectDetailLimit)
            summary.rejectIssues = parse.rejects.count
            summary.rejected = parse.rejects.distinctLines
            summary.held = parse.held.count
            summary.heldRows = parse.held.prefix(ImportSummary.rejectDetailLimit)
            summary.accepted = summary.rows - summary.rejected - summary.held
            summary.warnings = parse.warningCount
            summary.warningDetails = parse.warnings

            if options.allOrNothing && summary.rejected > 0 {
                try connection.rollback()
                summary.accepted = 0
            } else {
                try merge.merge { try hold(at: .merging, options) }
                clock.lap("merge", rows: parse.rows)
                let counts = try merge.counts(accepted: summary.accepted)
                summary.inserted = counts.inserted
                summary.updated = counts.updated
                summary.unchanged = counts.unchanged
                summary.duplicates = counts.duplicates
                try record(summary, batchID: batchID)
                try hold(at: .commit, options)
                // The rejects file is written before the commit: if it cannot be, nothing is
                // committed, so exit 1 always means an unchanged database.
                if let target = rejectsTarget, !parse.rejects.isEmpty, case .file(_, let file) = source {
                    try writeRejects(parse.rejects, of: file, delimiter: summary.delimiter ?? .comma, to: target, language: options.language)
                    rejectsWritten = URL(fileURLWithPath: target.path)
                }
                if case .file(_, let file) = source { try file.checkUnchanged() }
                if options.dryRun {
                    try connection.rollback()
                } else {
                    try connection.commit()
                    summary.committed = true
                    // Inside a caller's transaction (a savepoint), the temporary tables live on
                    // until the caller commits; the next import in it makes them anew.
                    if depth > 0 { try connection.execute(unsafeSQL: "DISCARD TEMP") }
                }
                clock.lap("count and commit", rows: parse.rows)
            }
        } catch {
            if connection.transactionDepth > depth { try? connection.rollback() }
            // A rejects file for an import that did not happen would mislead: it goes too.
            if let rejectsWritten { try? FileManager.default.removeItem(at: rejectsWritten) }
            throw error
        }

        // Nothing was committed (all or nothing): the rejects file tells the clerk why.
        if rejectsWritten == nil, let target = rejectsTarget, !parse.rejects.isEmpty, case .file(_, let file) = source {
            try writeRejects(parse.rejects, of: file, delimiter: summary.delimiter ?? .comma, to: target, language: options.language)
            rejectsWritten = URL(fileURLWithPath: target.path)
        }
        summary.rejectsFile = rejectsWritten
        logger.info("import finished", metadata: [
            "kind": "\(options.kind.rawValue)", "batch": "\(summary.batchID ?? 0)", "rows": "\(summary.rows)",
            "accepted": "\(summary.accepted)", "rejected": "\(summary.rejected)", "inserted": "\(summary.inserted)",
            "committed": "\(summary.committed)",
        ])
        return summary
    }

    /// Waits at a test point reached while the connection is busy (in a COPY), on a connection of
    /// its own to the same database.
    private func holdOnSecondConnection(at point: ImportOptions.HoldPoint, _ options: ImportOptions) throws {
        guard let hold = options.testHold, hold.point == point else { return }
        let second = try PostgresConnection(connectionString: try connection.connectionString(), logger: logger)
        defer { second.close() }
        try second.query("SELECT pg_advisory_lock(\(hold.key))")
    }

    /// Waits at a test point (`ImportOptions.testHold`), if one is set there.
    private func hold(at point: ImportOptions.HoldPoint, _ options: ImportOptions) throws {
        guard let hold = options.testHold, hold.point == point else { return }
        try connection.query("SELECT pg_advisory_xact_lock(\(hold.key))")
    }

    /// The batch that already imported this exact file (same SHA-256, kind and centre).
    private func previousImport(sha256: String, options: ImportOptions, center: String?) throws -> Int? {
        try connection.query("""
            SELECT id FROM import_batches
            WHERE sha256 = \(sha256) AND kind = \(options.kind.rawValue)
              AND center_code IS NOT DISTINCT FROM \(center) AND finished_at IS NOT NULL
            ORDER BY id DESC LIMIT 1
            """).first?.decode(Int.self, at: 0)
    }

    private func record(_ summary: ImportSummary, batchID: Int) throws {
        try connection.query("""
            UPDATE import_batches SET finished_at = clock_timestamp(), rows_read = \(summary.rows),
                accepted = \(summary.accepted), rejected = \(summary.rejected), held = \(summary.held), inserted = \(summary.inserted),
                updated = \(summary.updated), unchanged = \(summary.unchanged), duplicates = \(summary.duplicates),
                warnings = \(summary.warnings)
            WHERE id = \(batchID)
            """)
        let details = [
            "rows": String(summary.rows), "accepted": String(summary.accepted), "rejected": String(summary.rejected),
            "held": String(summary.held), "inserted": String(summary.inserted), "updated": String(summary.updated),
        ]
        try AuditLog.record(action: "import.\(summary.kind.rawValue)", subject: "batch:\(batchID)", details: details, on: connection)
    }

    /// Reads the file once more and writes the rejected records as they came, with their errors,
    /// streaming (the issues are sorted by line, so one pointer walks them beside the file), into
    /// a temporary file renamed into place: CSV for a CSV roster, a workbook for a workbook.
    private func writeRejects(
        _ rejects: IssueList, of file: RosterFile, delimiter: CSVDelimiter, to target: OutputFile, language: Language
    ) throws {
        if file.format == .xlsx {
            var workbook = WorkbookWriter()
            try RejectsWorkbook.add(to: &workbook, language: language) { add in
                try Self.walkRejects(rejects, of: file, delimiter: delimiter, language: language, add)
            }
            try workbook.write(to: target)
            return
        }
        try target.write { writer in
            try Self.walkRejects(rejects, of: file, delimiter: delimiter, language: language) { layout, record, error in
                if let record { try writer.write(layout.line(for: record, error: error)) } else { try writer.write(layout.firstLine) }
            }
        }
    }

    /// Calls `body` with the layout and no record for the header, then with each rejected record
    /// and its errors joined.
    private static func walkRejects(
        _ rejects: IssueList, of file: RosterFile, delimiter: CSVDelimiter, language: Language,
        _ body: (RejectsFile, CSVRecord?, String) throws -> Void
    ) throws {
        var next = 0
        var layout: RejectsFile?
        try file.readRecords(delimiter: delimiter) { batch in
            let record = batch.record(0)
            guard let rejectsFile = layout else {
                if !record.isBlank {
                    let first = RejectsFile(header: record.fields)
                    layout = first
                    try body(first, nil, "")
                }
                return
            }
            while next < rejects.count && rejects.line(next) < record.line { next += 1 }
            var messages: [String] = []
            while next < rejects.count && rejects.line(next) == record.line {
                let issue = rejects[next]
                let place = file.format == .xlsx ? issue.cell.map { "\($0) " } ?? "" : ""
                messages.append(place + (issue.columnName.map { "[\($0)] " } ?? "") + issue.message.text(in: language))
                next += 1
            }
            if !messages.isEmpty { try body(rejectsFile, record, messages.joined(separator: "; ")) }
        }
    }
}

/// Logs how long each phase of an import took (at debug level; counts only, no data).
struct PhaseClock {
    let logger: Logger
    private var last = ContinuousClock.now

    init(logger: Logger) {
        self.logger = logger
    }

    mutating func lap(_ phase: String, rows: Int) {
        let now = ContinuousClock.now
        let elapsed = now - last
        last = now
        let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        logger.debug("import phase finished", metadata: ["phase": "\(phase)", "ms": "\(milliseconds)", "rows": "\(rows)"])
    }
}
