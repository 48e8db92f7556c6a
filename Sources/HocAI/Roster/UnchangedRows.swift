import Logging
import PostgresLibPQ

/// The rows of a learner roster that the centre sent before, byte for byte: the first of two
/// passes over a file sent again.
///
/// Centres re-send their whole roster with a few rows changed. Checking and staging every row
/// only to find it held is most of such an import's cost, so this pass reads the file without
/// checking it: for each row it sends the CCCD and the `RowFingerprint`, and the database
/// answers which rows match a fingerprint kept on an enrolment (a fingerprint covers the
/// centre, so only the centre's own rows can match). Those lines are counted unchanged and
/// skipped by the checking pass; the others are checked and merged as in any import.
///
/// What skipping means: a row the register accepted from this centre, under the same header, is
/// not checked again. It does not undo a later change another roster made to the person's phone
/// or commune, and a rule that depends on the day (an age limit crossed since) is not applied to
/// it again. Rows of a CCCD the file names more than once are always checked, so the checks
/// within the file see every row of a repeated CCCD.
struct UnchangedRows {
    /// The physical lines of the unchanged rows.
    private(set) var lines = LineSet()
    /// Whether this pass read the file (it does not where nothing could be unchanged).
    private(set) var fileWasRead = false

    /// Finds the unchanged rows of a learner roster from `centerCode`. Runs in the import's
    /// transaction; writes nothing but a temporary table. Rosters of other kinds, rows a
    /// centre's enrolments hold no fingerprint for, and files whose header does not read are
    /// left to the checking pass.
    static func find(
        in file: RosterFile, delimiter: CSVDelimiter?, kind: RosterKind, centerCode: String?,
        connection: PostgresConnection, logger: Logger, progress: ((_ rows: Int, _ bytesRead: Int) -> Void)? = nil
    ) throws -> UnchangedRows {
        var found = UnchangedRows()
        guard kind == .learners, let centerCode else { return found }
        // Nothing to compare with: no enrolment of this centre keeps a fingerprint.
        guard try connection.query("""
            SELECT EXISTS (SELECT 1 FROM classes c JOIN enrolments e ON e.class_id = c.id
                           WHERE c.center_code = \(centerCode) AND e.roster_fingerprint IS NOT NULL)
            """).scalar(Bool.self) else { return found }

        try connection.execute(unsafeSQL: """
            CREATE TEMP TABLE sent_row (line integer, national_id text, roster_fingerprint bytea) ON COMMIT DROP
            """)
        var pass = Pass(kind: kind, centerCode: centerCode)
        try connection.copyIn("COPY sent_row (line, national_id, roster_fingerprint) FROM STDIN") { writer in
            try file.readRecords(delimiter: delimiter, progress: { bytesRead in progress?(pass.rows, bytesRead) }) { record in
                try pass.handle(record, writer: &writer)
            }
            try pass.flush(writer: &writer)
        }
        found.fileWasRead = true
        guard pass.readable else { return found }
        try connection.execute(unsafeSQL: "ANALYZE sent_row")
        // The lines sent, less those whose fingerprint no enrolment keeps (few, in a roster
        // sent again) and those of a repeated CCCD. The fingerprint covers the centre and the
        // row's class and CCCD, so one equality says it all, and the planner hashes it.
        found.lines = pass.sentLines
        try connection.stream("""
            SELECT s.line FROM sent_row s
            WHERE NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.roster_fingerprint = s.roster_fingerprint)
            UNION ALL
            SELECT s.line FROM sent_row s WHERE s.national_id = ANY (\(pass.repeatedIDs.candidates.sorted()))
            """) { row in
            found.lines.remove(try row.decode(Int.self, at: 0))
        }
        logger.debug("unchanged rows found", metadata: ["unchanged": "\(found.lines.count)"])
        return found
    }

    /// The reading pass: the header, then waves of rows whose keys and fingerprints the workers
    /// compute and the COPY sends.
    private struct Pass {
        let kind: RosterKind
        let centerCode: String
        var header: RosterHeader?
        /// False when the header does not read (the checking pass reports it).
        var readable = true
        /// Records read after the header.
        var rows = 0
        var repeatedIDs = RepeatedNationalIDs()
        /// The lines whose keys went into `sent_row`.
        var sentLines = LineSet()
        var workers: [Worker] = []
        var wave = CSVRecordBatch()

        init(kind: RosterKind, centerCode: String) {
            self.kind = kind
            self.centerCode = centerCode
        }

        mutating func handle(_ record: CSVRecordBatch, writer: inout PostgresCopyWriter) throws {
            guard readable, !record.isBlank(0) else { return }
            guard header != nil else {
                let cells = record.record(0).fields
                guard case .success(let header) = RosterHeader.read(cells, kind: kind),
                      let idColumn = header.column(of: .nationalID)
                else {
                    readable = false
                    return
                }
                self.header = header
                workers = (0..<RecordWave.workers).map { _ in
                    Worker(idColumn: idColumn - 1, fingerprint: RowFingerprint(kind: kind, centerCode: centerCode, header: cells))
                }
                return
            }
            rows += 1
            wave.append(record)
            if wave.count >= RecordWave.capacity { try flush(writer: &writer) }
        }

        mutating func flush(writer: inout PostgresCopyWriter) throws {
            let wave = self.wave
            self.wave.removeAll()
            for result in RecordWave.run(wave.count, workers: &workers, { worker, range in worker.keys(of: wave, range) }) {
                for probe in result.ids { repeatedIDs.see(probe) }
                for line in result.lines { sentLines.insert(line) }
                try writer.write(result.copy)
            }
        }
    }

    /// One worker's share: each row's line, CCCD and fingerprint, as COPY text. Rows whose CCCD
    /// does not read are left out (they cannot be unchanged).
    private struct Worker {
        let idColumn: Int
        var fingerprint: RowFingerprint

        mutating func keys(of wave: CSVRecordBatch, _ range: Range<Int>) -> (
            copy: PostgresCopyRows, ids: [RepeatedNationalIDs.Probe], lines: [Int]
        ) {
            var copy = PostgresCopyRows(reservingCapacity: range.count * 56)
            var ids: [RepeatedNationalIDs.Probe] = [], lines: [Int] = []
            ids.reserveCapacity(range.count)
            lines.reserveCapacity(range.count)
            for index in range {
                guard case .success(let id) = NationalID.parse(wave.cell(idColumn, of: index)) else { continue }
                copy.append([String(wave.line(index)), id.digits, fingerprint.text(of: wave, record: index)])
                ids.append(RepeatedNationalIDs.Probe(id))
                lines.append(wave.line(index))
            }
            return (copy, ids, lines)
        }
    }
}
