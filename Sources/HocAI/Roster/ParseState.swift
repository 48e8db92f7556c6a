import PostgresLibPQ

/// What the checking pass keeps: the header, counts and the issues found; and the pass itself,
/// in waves (`RecordWave`).
struct ParseState {
    let kind: RosterKind
    let communes: CommuneDirectory
    let today: CalendarDate
    /// The sending centre, which learner rows' fingerprints cover.
    let centerCode: String?
    /// Lines known unchanged (`UnchangedRows`): counted, not checked.
    let unchangedLines: LineSet
    var header: RosterHeader?
    /// Records read after the header, counted as they are read.
    var rows = 0
    /// Every reject, compactly (`IssueList`).
    var rejects = IssueList()
    /// The rows held for an administrator's decision (identity conflicts), one issue a line.
    var held = IssueList()
    var warnings: [RosterIssue] = []
    var warningCount = 0
    var legacyRows: [LegacyVietnameseEncoding: Int] = [:]
    /// The CCCDs staged more than once (and a few false candidates), for the checks in the file.
    var repeatedIDs = RepeatedNationalIDs()
    private var checkers: [RowChecker] = []
    private var wave = CSVRecordBatch()

    /// How the file was read, for explaining a header that does not read.
    var delimiter: CSVDelimiter = .comma
    var encoding: TextEncoding = .utf8

    init(kind: RosterKind, communes: CommuneDirectory, today: CalendarDate, centerCode: String?, unchangedLines: LineSet) {
        self.kind = kind
        self.communes = communes
        self.today = today
        self.centerCode = centerCode
        self.unchangedLines = unchangedLines
    }

    /// Takes one record (a batch of one, as `CSVReader` hands it out): the first non-blank one is
    /// the header; the others join the wave, which is checked and sent when full.
    mutating func handle(_ record: CSVRecordBatch, writer: inout PostgresCopyWriter) throws {
        if record.isBlank(0) { return }
        guard header != nil else {
            try readHeader(record.record(0))
            return
        }
        rows += 1
        if unchangedLines.contains(record.line(0)) { return }
        wave.append(record)
        if wave.count >= RecordWave.capacity { try flush(writer: &writer) }
    }

    /// Checks and sends what the wave holds.
    mutating func flush(writer: inout PostgresCopyWriter) throws {
        let wave = self.wave
        self.wave.removeAll()
        for result in RecordWave.run(wave.count, workers: &checkers, { checker, range in checker.check(wave, range) }) {
            for probe in result.stagedIDs { repeatedIDs.see(probe) }
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
            rejects.columnNames = header.names
            held.columnNames = header.names
            let fingerprint = kind == .learners
                ? centerCode.map { RowFingerprint(kind: kind, centerCode: $0, header: record.fields) } : nil
            checkers = (0..<RecordWave.workers).map { _ in
                RowChecker(
                    kind: kind, validator: RosterValidator(header: header, communes: communes, today: today, delimiter: delimiter),
                    fingerprint: fingerprint)
            }
            for index in header.ignored {
                addWarning(RosterIssue(
                    line: record.line, column: index + 1, columnName: header.names[index], code: "column.ignored",
                    severity: .warning, detail: ["name": header.names[index]]))
            }
        case .failure(.missing(let fields)):
            if let diagnosis = HeaderDiagnosis.explain(record, delimiter: delimiter, encoding: encoding) { throw diagnosis }
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

    /// A held row (`RosterMerge.held`): `person.identity_held`, or `person.enrolment_held` for a
    /// results row held with its learner row.
    mutating func addHeld(line: Int, differs: String, cause: String?, header: RosterHeader) {
        let code = differs == "enrolment" ? "person.enrolment_held" : "person.identity_held"
        let field: RosterField = differs == "enrolment" ? .classCode : differs == "date_of_birth" ? .dateOfBirth : .fullName
        let column = header.column(of: field)
        var detail = ["differs": differs]
        if let cause { detail["cause"] = cause }
        held.append(RosterIssue(
            line: line, column: column, columnName: column.map { header.names[$0 - 1] }, code: code,
            severity: .held, detail: detail))
    }

    mutating func addDatabaseReject(line: Int, code: String, field: String?, otherLine: Int?, cause: String?, header: RosterHeader) {
        let column = field.flatMap(RosterField.init(rawValue:)).flatMap { header.column(of: $0) }
        var detail: [String: String] = [:]
        if let otherLine { detail["other_line"] = String(otherLine) }
        if let cause { detail["cause"] = cause }
        rejects.append(RosterIssue(
            line: line, column: column, columnName: column.map { header.names[$0 - 1] }, code: code,
            severity: .reject, detail: detail.isEmpty ? nil : detail))
    }
}

/// One worker's checks: validates records and encodes the accepted rows for COPY. Each keeps
/// its own validator (and its cache of commune spellings), random source and hash buffer.
struct RowChecker {
    let kind: RosterKind
    var validator: RosterValidator
    /// Learner rows carry their fingerprint to the enrolment they write (`UnchangedRows`).
    var fingerprint: RowFingerprint?
    var random = BufferedSystemRandom()

    struct Result {
        var issues: [RosterIssue] = []
        var copy = PostgresCopyRows()
        /// The CCCDs of the rows in `copy`, in order, with where they lie in `RepeatedNationalIDs`.
        var stagedIDs: [RepeatedNationalIDs.Probe] = []
    }

    mutating func check(_ wave: CSVRecordBatch, _ range: Range<Int>) -> Result {
        var result = Result()
        result.copy = PostgresCopyRows(reservingCapacity: range.count * 200)
        for index in range {
            let (row, issues) = validator.validate(wave.record(index))
            result.issues.append(contentsOf: issues)
            if let row {
                let fingerprint = fingerprint?.text(of: wave, record: index)
                result.copy.append(RosterStage.cells(for: row, kind: kind, fingerprint: fingerprint, random: &random))
                result.stagedIDs.append(RepeatedNationalIDs.Probe(row.nationalID))
            }
        }
        return result
    }
}
