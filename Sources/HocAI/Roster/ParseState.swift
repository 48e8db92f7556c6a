import Dispatch
import Foundation
import PostgresLibPQ

/// What the streaming pass keeps: the header, counts and the issues found; and the pass itself.
///
/// Records are checked in waves: a wave's records are split among the processor's cores, each
/// share validated and encoded for COPY by its own `RowChecker`, and the results are taken in
/// file order, so the issues and the COPY stream are the same as one thread would make. A wave
/// holds a few thousand records, so memory stays flat whatever the file's size. (Reading the
/// file on a thread of its own as well was tried: no faster on two cores, and peak memory grew
/// with the file, 52 to 71 MiB from 200,000 to 1,000,000 rows, where the records were made on
/// one thread and freed on another.)
struct ParseState {
    let kind: RosterKind
    let communes: CommuneDirectory
    let today: CalendarDate
    var header: RosterHeader?
    var rows = 0
    var rejects: [RosterIssue] = []
    var warnings: [RosterIssue] = []
    var warningCount = 0
    var legacyRows: [LegacyVietnameseEncoding: Int] = [:]
    /// The CCCDs staged more than once (and a few false candidates), for the checks in the file.
    var repeatedIDs = RepeatedNationalIDs()
    private var checkers: [RowChecker] = []
    private var wave: [CSVRecord] = []

    /// Records per worker in a wave.
    static let recordsPerWorker = 2048
    /// Workers: the processor's cores, up to four (the database server needs a core as well, and
    /// more threads than cores only take turns).
    static let workers = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))

    init(kind: RosterKind, communes: CommuneDirectory, today: CalendarDate) {
        self.kind = kind
        self.communes = communes
        self.today = today
    }

    /// Takes one record: the first non-blank one is the header; the others join the wave, which
    /// is checked and sent when full.
    mutating func handle(_ record: CSVRecord, writer: inout PostgresCopyWriter) throws {
        if record.isBlank { return }
        guard header != nil else {
            try readHeader(record)
            return
        }
        wave.append(record)
        if wave.count >= Self.recordsPerWorker * checkers.count { try flush(writer: &writer) }
    }

    /// Checks and sends what the wave holds.
    mutating func flush(writer: inout PostgresCopyWriter) throws {
        guard !wave.isEmpty else { return }
        let records = wave
        wave.removeAll(keepingCapacity: true)
        let parts = min(checkers.count, (records.count + Self.recordsPerWorker - 1) / Self.recordsPerWorker)
        let share = (records.count + parts - 1) / parts
        var results = [RowChecker.Result](repeating: RowChecker.Result(), count: parts)
        checkers.withUnsafeMutableBufferPointer { checkers in
            results.withUnsafeMutableBufferPointer { results in
                let checkers = WorkerSlots(buffer: checkers), results = WorkerSlots(buffer: results)
                DispatchQueue.concurrentPerform(iterations: parts) { part in
                    let range = min(part * share, records.count)..<min((part + 1) * share, records.count)
                    results.buffer[part] = checkers.buffer[part].check(records[range])
                }
            }
        }
        rows += records.count
        for result in results {
            for id in result.stagedIDs { repeatedIDs.see(id) }
            for issue in result.issues {
                if issue.severity == .reject {
                    rejects.append(issue)
                    if let name = issue.detail?["encoding"], let encoding = LegacyVietnameseEncoding(rawValue: name) {
                        legacyRows[encoding, default: 0] += 1
                    }
                } else {
                    addWarning(issue)
                }
            }
            try writer.write(result.copy)
        }
    }

    private mutating func addWarning(_ issue: RosterIssue) {
        warningCount += 1
        if warnings.count < ImportSummary.warningDetailLimit { warnings.append(issue) }
    }

    private mutating func readHeader(_ record: CSVRecord) throws {
        switch RosterHeader.read(record.fields, kind: kind) {
        case .success(let header):
            self.header = header
            checkers = (0..<Self.workers).map { _ in
                RowChecker(kind: kind, validator: RosterValidator(header: header, communes: communes, today: today))
            }
            wave.reserveCapacity(Self.recordsPerWorker * checkers.count)
            for index in header.ignored {
                addWarning(RosterIssue(
                    line: record.line, column: index + 1, columnName: header.names[index], code: "column.ignored",
                    severity: .warning, detail: ["name": header.names[index]]))
            }
        case .failure(.missing(let fields)):
            let names = fields.map { field in
                let aliases = ([field.rawValue] + field.aliases(in: kind)).map { "\"\($0)\"" }.joined(separator: ", ")
                return "\(field.vietnameseHeader) (\(aliases))"
            }.joined(separator: "; ")
            throw HocAIError.fileRejected(LocalizedText(
                vi: "Dòng tiêu đề (dòng \(record.line)) thiếu cột bắt buộc: \(names). Thêm cột rồi nhập lại; chưa có gì được ghi.",
                en: "The header (line \(record.line)) lacks required columns: \(names). Add them and import again; nothing was written."))
        case .failure(.duplicated(let field, let columns)):
            throw HocAIError.fileRejected(LocalizedText(
                vi: "Cột \(field.vietnameseHeader) xuất hiện hai lần (cột \(columns[0]) và \(columns[1])). Giữ một cột rồi nhập lại.",
                en: "Column \(field.rawValue) appears twice (columns \(columns[0]) and \(columns[1])). Keep one and import again."))
        case .failure(.empty):
            throw HocAIError.fileRejected(LocalizedText(vi: "Tệp trống: không có dòng tiêu đề.", en: "The file is empty: no header row."))
        }
    }

    /// The file as a whole is in a legacy encoding when at least a fifth of its rows are.
    var legacyEncodingOfFile: LegacyVietnameseEncoding? {
        guard let (encoding, count) = legacyRows.max(by: { $0.value < $1.value }), count * 5 >= max(rows, 1) else { return nil }
        return encoding
    }

    mutating func addDatabaseReject(_ reject: (line: Int, code: String, field: String?, otherLine: Int?), header: RosterHeader) {
        let field = reject.field.flatMap(RosterField.init(rawValue:))
        let column = field.flatMap { header.column(of: $0) }
        rejects.append(RosterIssue(
            line: reject.line, column: column, columnName: column.map { header.names[$0 - 1] }, code: reject.code,
            severity: .reject, detail: reject.otherLine.map { ["other_line": String($0)] }))
    }
}

/// One worker's checks: validates records and encodes the accepted rows for COPY. Each keeps
/// its own validator (and its cache of commune spellings) and its own random source.
struct RowChecker {
    let kind: RosterKind
    var validator: RosterValidator
    var random = BufferedSystemRandom()

    struct Result {
        var issues: [RosterIssue] = []
        var copy = PostgresCopyRows()
        /// The CCCDs of the rows in `copy`, in order.
        var stagedIDs: [NationalID] = []
    }

    mutating func check(_ records: ArraySlice<CSVRecord>) -> Result {
        var result = Result()
        result.copy = PostgresCopyRows(reservingCapacity: records.count * 160)
        for record in records {
            let (row, issues) = validator.validate(record)
            result.issues.append(contentsOf: issues)
            if let row {
                result.copy.append(RosterStage.cells(for: row, kind: kind, random: &random))
                result.stagedIDs.append(row.nationalID)
            }
        }
        return result
    }
}

/// A buffer whose elements are shared out among `concurrentPerform`'s workers, one each: worker
/// `i` reads and writes element `i` only, and the buffer outlives the call, which is what makes
/// handing it to concurrent code sound.
private struct WorkerSlots<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>
}
