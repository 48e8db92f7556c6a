import PostgresLibPQ

/// The set-wise half of an import: checks of the staged rows against each other and against the
/// register, then the merges, each one statement over the whole file in key order.
///
/// Learner and results rosters are mostly sent again with a few rows changed. Learner rows the
/// centre sent before, byte for byte, never reach the stage (`UnchangedRows`); results rows the
/// register holds are set aside here (`pending` keeps the others). The checks and merges then
/// work on what is new or changed. Checks within the file (two rows of one CCCD, identical
/// rows) look at every staged row.
///
/// Every check adds rows to `stage_reject` (line, code, field, other line); the merges take only
/// the lines with no reject. Intermediate sets are temporary tables, analysed before use, so the
/// planner joins them by hash instead of guessing row counts (a mis-estimated CTE once turned a
/// 500,000-row import into a nested loop). Rules that cost a lookup (who held a valid
/// certificate on a date) are evaluated once per distinct (person, date), not once per row.
struct RosterMerge {
    let connection: PostgresConnection
    let kind: RosterKind
    let centerCode: String?
    let batchID: Int
    /// A superset of the CCCDs the file stages more than once (`RepeatedNationalIDs`).
    let repeatedIDs: [String]
    /// Rows in an identity conflict are held for a decision (`setAsideHeldRows`); false: returned.
    var holds = true

    /// Imports serialise here, after their COPY: the checks against the register and the merges
    /// see every committed import, so two imports of overlapping people never both insert one.
    static let lockKey: Int64 = 0x686F_6361_6969_6D70

    /// `locked` runs once the import lock is held (a test point).
    func run(locked: () throws -> Void = {}) throws {
        try connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))")
        try locked()
        // Hash joins over a few hundred thousand rows want memory; plans this size gain nothing
        // from JIT compilation, which costs a tenth of a second a statement; the register is
        // read from memory, where an index probe costs little more than a sequential read, so
        // a few thousand changed rows are looked up by index rather than by hashing the table.
        try connection.execute(unsafeSQL: """
            SET LOCAL work_mem = '256MB'; SET LOCAL jit = off; SET LOCAL random_page_cost = 1.1;
            """)
        try checkFile()
        try setAsidePendingRows()
        if kind != .completions { try checkPeople() }
        switch kind {
        case .experts: try checkTrainerEvidence()
        case .instructors: try checkInstructors(); try checkTrainerEvidence()
        case .learners: try checkLearnerClasses()
        case .completions: try checkCompletionClasses()
        }
        if kind == .learners || kind == .completions { try checkResults() }
        try setAsideHeldRows()
        try connection.execute(unsafeSQL: """
            DELETE FROM pending WHERE line IN (SELECT line FROM stage_reject) OR line IN (SELECT line FROM hold_row)
            """)
    }

    /// `hold_row`: the rows whose only fault is an identity conflict with the register (same
    /// CCCD, another name or date of birth), and results rows whose enrolment is such a row.
    /// They are held for an administrator's decision (`identity_holds`, sql/014), not returned:
    /// which centre's spelling is right is not the arrival order's to decide. A row with
    /// another fault as well is returned with all of them; so is every one where the caller
    /// holds nothing (`holds`: a single result recorded by `hocai certify` is refused instead).
    private func setAsideHeldRows() throws {
        try connection.execute(unsafeSQL: """
            CREATE TEMP TABLE hold_row ON COMMIT DROP AS
                SELECT s.*, r.cause AS hold_cause,
                       CASE WHEN r.code = 'person.enrolment_held' THEN 'enrolment'
                            WHEN p.name_key <> s.name_key AND p.date_of_birth <> s.date_of_birth THEN 'both'
                            WHEN p.name_key <> s.name_key THEN 'full_name' ELSE 'date_of_birth' END AS differs
                FROM stage_reject r
                JOIN pending s USING (line)
                JOIN people p ON p.national_id = s.national_id
                WHERE \(holds ? "true" : "false")
                  AND r.code IN ('person.identity_conflict', 'person.enrolment_held')
                  AND NOT EXISTS (SELECT 1 FROM stage_reject o
                                  WHERE o.line = r.line AND o.code NOT IN ('person.identity_conflict', 'person.enrolment_held'));
            DELETE FROM stage_reject WHERE line IN (SELECT line FROM hold_row);
            ANALYZE hold_row;
            """)
    }

    // MARK: The rows to check and merge

    /// `pending`: the staged rows the checks and merges work on. Learner rows the register holds
    /// were recognised by their fingerprint before staging (`UnchangedRows`), and trainer
    /// rosters are small, so for these kinds every staged row is pending: the staging table is
    /// renamed, not copied. A results row whose completion record exists would write nothing;
    /// results rosters are not fingerprinted, so such rows are set aside here, by one statement
    /// of outer joins on unique keys, and counted unchanged.
    private func setAsidePendingRows() throws {
        switch kind {
        case .experts, .instructors, .learners:
            try connection.execute(unsafeSQL: "ALTER TABLE stage RENAME TO pending")
        case .completions:
            try connection.execute(unsafeSQL: "CREATE TEMP TABLE pending (LIKE stage) ON COMMIT DROP")
            try connection.query("""
                INSERT INTO pending
                SELECT s.* FROM stage s
                LEFT JOIN classes c ON c.code = s.class_code
                LEFT JOIN completions x ON (x.class_id, x.national_id, x.result, x.completed_on)
                                         = (c.id, s.national_id, s.result, s.completed_on)
                WHERE NOT COALESCE(
                    c.center_code = \(centerCode) AND c.track = 'instructor_to_learner' AND x.class_id IS NOT NULL, false)
                """)
        }
        // Statistics of the columns the checks join and filter on (the names and codes, wide
        // and all distinct, would cost most of the sampling and steer no plan).
        try connection.execute(unsafeSQL: """
            ANALYZE pending (line, national_id, class_code, instructor_id, trained_by, certified_on, enrolled_on,
                             completed_on, result, date_of_birth, commune_code)
            """)
    }

    // MARK: Checks

    /// The rows of CCCDs the file names more than once (`dup_row`), for the checks within the
    /// file and the duplicate count: the rows of the candidates the parse pass found, so a file
    /// without repeats costs nothing here. Taken from every staged row, before any is set aside.
    private func checkFile() throws {
        try connection.execute(unsafeSQL: "CREATE TEMP TABLE dup_row (LIKE stage) ON COMMIT DROP")
        if !repeatedIDs.isEmpty {
            try connection.query("INSERT INTO dup_row SELECT s.* FROM stage s WHERE s.national_id = ANY(\(repeatedIDs))")
        }
        try connection.execute(unsafeSQL: "ANALYZE dup_row")
    }

    /// One CCCD, one person: within the file and against the register (the register wins).
    ///
    /// Within the file, every row of a CCCD whose rows disagree on the name or the date of birth
    /// is rejected, citing the first line of another spelling: the rows are grouped by spelling
    /// (one sort of the repeated rows), so the search is linear in them, not quadratic.
    private func checkPeople() throws {
        try connection.execute(unsafeSQL: """
            CREATE TEMP TABLE spelling ON COMMIT DROP AS
                SELECT national_id, name_key, date_of_birth, first,
                       count(*) OVER (PARTITION BY national_id) AS spellings,
                       row_number() OVER (PARTITION BY national_id ORDER BY first) AS rank
                FROM (SELECT national_id, name_key, date_of_birth, min(line) AS first
                      FROM dup_row GROUP BY national_id, name_key, date_of_birth) g;

            INSERT INTO stage_reject (line, code, field, other_line)
            SELECT d.line, 'person.conflict_in_file', 'full_name', CASE WHEN s.rank = 1 THEN o.second ELSE o.first END
            FROM dup_row d
            JOIN spelling s USING (national_id, name_key, date_of_birth)
            JOIN (SELECT national_id, min(first) FILTER (WHERE rank = 1) AS first, min(first) FILTER (WHERE rank = 2) AS second
                  FROM spelling WHERE spellings > 1 GROUP BY national_id) o USING (national_id);

            -- A name that differs from the register's only in tone marks is most often a
            -- spreadsheet's doing (LibreOffice writes ý as y and a grave accent in Windows-1258).
            INSERT INTO stage_reject (line, code, field, cause)
            SELECT s.line, 'person.identity_conflict',
                   CASE WHEN p.name_key <> s.name_key THEN 'full_name' ELSE 'date_of_birth' END,
                   CASE WHEN p.name_key <> s.name_key AND p.date_of_birth = s.date_of_birth
                             AND translate(p.name_key, \(Self.toneMarks), '') = translate(s.name_key, \(Self.toneMarks), '')
                        THEN 'tone_only' END
            FROM pending s JOIN people p USING (national_id)
            WHERE (p.name_key <> s.name_key OR p.date_of_birth <> s.date_of_birth)
              -- (a spelling an administrator decided is the person's: sql/014)
              AND NOT EXISTS (SELECT 1 FROM person_aliases a
                              WHERE (a.national_id, a.name_key, a.date_of_birth) = (s.national_id, s.name_key, s.date_of_birth));
            """)
    }

    /// The five tone marks as a SQL string literal (the matching key keeps them as combining
    /// characters after each word's letters).
    private static let toneMarks = "E'\\u0300\\u0301\\u0303\\u0309\\u0323'"

    /// A core instructor is certified by an expert who held a valid expert certificate that day.
    private func checkInstructors() throws {
        try connection.execute(unsafeSQL: """
            INSERT INTO stage_reject (line, code, field)
            SELECT line, 'trained_by.self', 'trained_by' FROM pending WHERE trained_by = national_id;

            INSERT INTO stage_reject (line, code, field)
            SELECT s.line, 'trained_by.not_expert', 'trained_by'
            FROM pending s
            JOIN (SELECT trained_by, certified_on,
                         holds_valid_certificate(trained_by, ARRAY['expert']::certificate_track[], certified_on) AS valid
                  FROM (SELECT DISTINCT trained_by, certified_on FROM pending) d) v USING (trained_by, certified_on)
            WHERE NOT v.valid AND s.trained_by <> s.national_id;
            """)
    }

    /// A trainer's row whose certification a revocation already voided (a revocation dated on
    /// or after it): it would count for nothing, so it is returned.
    private func checkTrainerEvidence() throws {
        try connection.query("""
            INSERT INTO stage_reject (line, code, field)
            SELECT s.line, 'certification.revoked', 'certified_on' FROM pending s
            WHERE EXISTS (SELECT 1 FROM revocations r
                          WHERE r.national_id = s.national_id AND r.track = \(trainerTrack)::certificate_track
                            AND r.revoked_on >= s.certified_on)
              -- (one the register already holds, sent again, stands)
              AND NOT EXISTS (SELECT 1 FROM accreditations a
                              WHERE a.national_id = s.national_id AND a.track = \(trainerTrack)::certificate_track
                                AND a.certified_on = s.certified_on
                                AND COALESCE(a.center_code, '') = COALESCE(\(kind == .experts ? nil : centerCode), ''))
            """)
    }

    /// The certificate track of a trainer roster.
    private var trainerTrack: String { kind == .experts ? "expert" : "instructor" }

    /// `stage_class`: the register's classes that the pending rows name.
    private func collectStagedClasses() throws {
        try connection.execute(unsafeSQL: """
            CREATE TEMP TABLE stage_class ON COMMIT DROP AS
                SELECT c.id, c.code, c.center_code, c.track, c.instructor_id
                FROM classes c WHERE c.code IN (SELECT DISTINCT class_code FROM pending);
            ANALYZE stage_class;
            """)
    }

    /// Classes are created on first sight at the sending centre, with an instructor who holds a
    /// valid core-instructor or expert certificate; an existing class must be this centre's.
    private func checkLearnerClasses() throws {
        try collectStagedClasses()
        try connection.execute(unsafeSQL: """
            CREATE TEMP TABLE new_class ON COMMIT DROP AS
                SELECT f.*, holds_valid_certificate(f.instructor_id, ARRAY['instructor', 'expert']::certificate_track[], current_date)
                           AS instructor_valid
                FROM (SELECT DISTINCT ON (class_code) class_code, instructor_id, line AS first_line
                      FROM pending s
                      WHERE instructor_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM stage_class c WHERE c.code = s.class_code)
                      ORDER BY class_code, line) f;
            ANALYZE new_class;
            """)
        try connection.query("""
            INSERT INTO stage_reject (line, code, field)
            SELECT s.line, CASE WHEN c.center_code <> \(centerCode) THEN 'class.other_center' ELSE 'class.other_track' END,
                   'class_code'
            FROM pending s JOIN stage_class c ON c.code = s.class_code
            WHERE c.center_code <> \(centerCode) OR c.track <> 'instructor_to_learner'
            """)
        try connection.execute(unsafeSQL: """
            INSERT INTO stage_reject (line, code, field)
            SELECT s.line, 'class.instructor_missing', 'instructor_id'
            FROM pending s
            LEFT JOIN stage_class c ON c.code = s.class_code
            LEFT JOIN new_class n ON n.class_code = s.class_code
            WHERE c.code IS NULL AND n.class_code IS NULL;

            INSERT INTO stage_reject (line, code, field, other_line)
            SELECT s.line, 'class.instructor_conflict', 'instructor_id', n.first_line
            FROM pending s JOIN new_class n USING (class_code)
            WHERE s.instructor_id IS NOT NULL AND s.instructor_id <> n.instructor_id;

            INSERT INTO stage_reject (line, code, field)
            SELECT s.line, 'class.instructor_not_certified', 'instructor_id'
            FROM pending s JOIN new_class n USING (class_code)
            WHERE NOT n.instructor_valid;
            """)
        try checkRegisteredInstructors()
    }

    /// A class keeps one instructor: a row naming another for one of this centre's registered
    /// classes is returned (there is no line to cite: the register says who teaches it).
    private func checkRegisteredInstructors() throws {
        try connection.query("""
            INSERT INTO stage_reject (line, code, field)
            SELECT s.line, 'class.instructor_conflict', 'instructor_id'
            FROM pending s JOIN stage_class c ON c.code = s.class_code
            WHERE s.instructor_id IS NOT NULL AND s.instructor_id <> c.instructor_id
              AND c.center_code = \(centerCode) AND c.track = 'instructor_to_learner'
            """)
    }

    /// Results in bulk: the class must exist at this centre and the person be registered. Sent
    /// by an instructor's account (the scope names them, sql/010), the class must be theirs.
    private func checkCompletionClasses() throws {
        try collectStagedClasses()
        // A result whose learner row (the enrolment, perhaps the class) is held for an identity
        // decision is held with it and applied after it, not returned as unknown.
        try connection.query("""
            CREATE TEMP TABLE enrolment_hold ON COMMIT DROP AS
                SELECT s.line FROM pending s
                WHERE EXISTS (SELECT 1 FROM identity_holds h
                              WHERE h.status = 'open' AND h.kind = 'learners' AND h.national_id = s.national_id
                                AND h.center_code = \(centerCode) AND h.row_data ->> 'class_code' = s.class_code)
                  AND NOT EXISTS (SELECT 1 FROM stage_class c JOIN enrolments e ON e.class_id = c.id
                                  WHERE c.code = s.class_code AND e.national_id = s.national_id)
            """)
        try connection.query("""
            INSERT INTO stage_reject (line, code, field)
            SELECT line, \(holds ? "person.enrolment_held" : "completion.enrolment_held"), 'class_code' FROM enrolment_hold
            """)
        try connection.query("""
            INSERT INTO stage_reject (line, code, field)
            SELECT s.line,
                   CASE WHEN c.id IS NULL THEN 'completion.unknown_class'
                        WHEN c.center_code <> \(centerCode) THEN 'class.other_center'
                        WHEN c.track <> 'instructor_to_learner' THEN 'class.other_track'
                        ELSE 'class.not_taught' END,
                   'class_code'
            FROM pending s LEFT JOIN stage_class c ON c.code = s.class_code
            WHERE (c.id IS NULL AND NOT EXISTS (SELECT 1 FROM enrolment_hold h WHERE h.line = s.line))
               OR c.center_code <> \(centerCode) OR c.track <> 'instructor_to_learner'
               OR c.instructor_id IS DISTINCT FROM COALESCE(hocai_scope_instructor(), c.instructor_id)
            """)
        try connection.execute(unsafeSQL: """
            INSERT INTO stage_reject (line, code, field)
            SELECT s.line, 'completion.unknown_person', 'national_id' FROM pending s
            WHERE NOT EXISTS (SELECT 1 FROM people p WHERE p.national_id = s.national_id);

            INSERT INTO stage_reject (line, code, field)
            SELECT s.line, 'completion.not_enrolled', 'class_code'
            FROM pending s JOIN stage_class c ON c.code = s.class_code
            WHERE EXISTS (SELECT 1 FROM people p WHERE p.national_id = s.national_id)
              AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.class_id = c.id AND e.national_id = s.national_id)
              AND NOT EXISTS (SELECT 1 FROM enrolment_hold h WHERE h.line = s.line);
            """)
    }

    /// The rules of a completion record: the issuer (the class's instructor unless named) held a
    /// valid instructor or expert certificate on the completion date, and the date is not before
    /// the enrolment.
    private func checkResults() throws {
        let issuer = kind == .completions ? "COALESCE(s.issued_by, c.instructor_id)" : "COALESCE(c.instructor_id, n.instructor_id)"
        let newClassJoin = kind == .completions ? "" : "LEFT JOIN new_class n ON n.class_code = s.class_code"
        try connection.execute(unsafeSQL: """
            CREATE TEMP TABLE result_issuer ON COMMIT DROP AS
                SELECT s.line, \(issuer) AS issuer, s.completed_on,
                       COALESCE(s.enrolled_on, e.enrolled_on) AS enrolled_on
                FROM pending s
                LEFT JOIN stage_class c ON c.code = s.class_code
                \(newClassJoin)
                LEFT JOIN enrolments e ON e.class_id = c.id AND e.national_id = s.national_id
                WHERE s.result IS NOT NULL AND s.completed_on IS NOT NULL;
            ANALYZE result_issuer;

            INSERT INTO stage_reject (line, code, field)
            SELECT line, 'completion.before_enrolment', 'completed_on' FROM result_issuer
            WHERE completed_on < enrolled_on;

            CREATE TEMP TABLE issuer_validity ON COMMIT DROP AS
                SELECT issuer, completed_on,
                       holds_valid_certificate(issuer, ARRAY['instructor', 'expert']::certificate_track[], completed_on) AS valid,
                       holds_valid_certificate(issuer, ARRAY['instructor', 'expert']::certificate_track[], 'infinity') AS valid_later
                FROM (SELECT DISTINCT issuer, completed_on FROM result_issuer WHERE issuer IS NOT NULL) d;
            ANALYZE issuer_validity;

            INSERT INTO stage_reject (line, code, field)
            SELECT r.line,
                   CASE WHEN v.valid_later THEN 'completion.before_issuer_certified' ELSE 'completion.issuer_not_certified' END,
                   'completed_on'
            FROM result_issuer r JOIN issuer_validity v USING (issuer, completed_on)
            WHERE NOT v.valid;

            -- A pass in a class whose pass a revocation voided, dated on or before the
            -- revocation, would count for nothing: it is returned, not kept silently.
            INSERT INTO stage_reject (line, code, field)
            -- (A pass the register already holds, sent again, is no new evidence: it stands.)
            SELECT s.line, 'completion.revoked', 'result'
            FROM pending s JOIN stage_class c ON c.code = s.class_code
            WHERE s.result = 'pass'
              AND EXISTS (SELECT 1 FROM revocations r
                          WHERE r.national_id = s.national_id AND r.track = 'learner' AND r.class_id = c.id
                            AND r.revoked_on >= s.completed_on)
              AND NOT EXISTS (SELECT 1 FROM completions x
                              WHERE (x.class_id, x.national_id, x.result, x.completed_on) = (c.id, s.national_id, 'pass', s.completed_on));
            """)
    }

    // MARK: Merges

    /// Writes the accepted rows. People first (new ones inserted; phone and commune updated as the
    /// register's statement rule says), then what the kind adds: accreditations, classes,
    /// enrolments, completion records, and the certificates they issue.
    ///
    /// The report's summary follows in the same transaction: the contribution of every person
    /// whose evidence or commune this import changes is taken away before the writes and added
    /// back after (`apply_person_events`), so it is always a function of the records held.
    /// `subtracted` runs between taking the contributions away and writing (a test point).
    func merge(subtracted: () throws -> Void = {}) throws {
        try writeHolds()
        // The certificates this import issues, whatever the kind.
        try connection.execute(unsafeSQL: """
            CREATE TEMP TABLE certificate_new (
                line integer, code text, national_id text, issued_on date, issuer text, class_id bigint
            ) ON COMMIT DROP
            """)
        // The planner's row counts for the tables an import writes stay stale until autovacuum
        // comes round, and the plans that follow depend on them: the next import's (a register
        // taken for empty turns anti-joins into nested loops: 40 s instead of 0.1 s, measured),
        // and this one's own later statements (the reference checks and the report's summary
        // read the people just inserted). A large merge refreshes each table's counts once it
        // is written, by sampling (about a tenth of a second a table).
        let large = try connection.execute(unsafeSQL: "SELECT count(*) FROM pending").scalar(Int.self) >= Self.analyzeAfterRows
        func written(_ tables: [String]) throws {
            // Through the owner's function: an import may run as a role that does not own them.
            if large { try connection.query("SELECT analyze_register(\(tables))") }
        }
        if kind != .completions { try choosePersonStatements() }
        try collectAffectedPeople()
        try connection.execute(unsafeSQL: "SELECT apply_person_events(ARRAY(SELECT national_id FROM affected_person), -1)")
        try subtracted()
        switch kind {
        case .experts, .instructors:
            try mergePeople()
            try written(["people"])
            try mergeAccreditations()
            try written(["certificates", "accreditations"])
        case .learners:
            try mergePeople()
            try written(["people"])
            try mergeClasses()
            try written(["classes"])
            try classifyAccepted()
            try mergeEnrolments()
            try written(["enrolments", "participants"])
            try mergeLearnerCertificates()
            try written(["certificates"])
            try mergeCompletions()
            try written(["completions"])
        case .completions:
            try classifyAccepted()
            try mergeLearnerCertificates()
            try written(["certificates"])
            try mergeCompletions()
            try written(["completions"])
        }
        try connection.execute(unsafeSQL: "SELECT apply_person_events(ARRAY(SELECT national_id FROM affected_person), 1)")
        try written(["report_events"])
    }

    /// The held rows, kept with this batch for a decision. An identical row already held and not
    /// yet decided (the same file sent again) is held once.
    private func writeHolds() throws {
        try connection.query("""
            INSERT INTO identity_holds (batch_id, kind, center_code, line, national_id, full_name, name_key, date_of_birth,
                                        differs, cause, row_data, row_key)
            SELECT \(batchID), \(kind.rawValue), \(kind == .experts ? nil : centerCode), h.line, h.national_id,
                   COALESCE(e.full_name, h.full_name), COALESCE(e.name_key, h.name_key), COALESCE(e.date_of_birth, h.date_of_birth),
                   h.differs, h.hold_cause, d.data, md5((d.data - 'line' - 'certificate_code' - 'roster_fingerprint')::text)
            FROM hold_row h
            CROSS JOIN LATERAL (SELECT jsonb_strip_nulls(to_jsonb(h) - 'hold_cause' - 'differs') AS data) d
            -- A results row is shown with the name and birth date of the learner row it waits for.
            LEFT JOIN LATERAL (SELECT x.full_name, x.name_key, x.date_of_birth FROM identity_holds x
                               WHERE h.differs = 'enrolment' AND x.status = 'open' AND x.kind = 'learners'
                                 AND x.national_id = h.national_id AND x.center_code = \(centerCode)
                                 AND x.row_data ->> 'class_code' = h.class_code
                               ORDER BY x.id LIMIT 1) e ON true
            ORDER BY h.line
            ON CONFLICT DO NOTHING
            """)
    }

    /// How many written rows make an import refresh the statistics of the tables it wrote.
    static let analyzeAfterRows = 10_000

    /// The date a row's statement about a person is as of: a learner row's enrolment, a
    /// trainer row's certification (`people.commune_as_of`).
    private var statementDate: String {
        switch kind {
        case .experts, .instructors: "a.certified_on"
        case .learners, .completions: "a.enrolled_on"
        }
    }

    /// `person_first`: for each accepted person, the row that speaks for them (the latest-dated;
    /// the first such line), marked new (not in the register), `wins` (its commune replaces the
    /// register's: see `people.commune_source`), `moved` (it wins with another commune) and
    /// `changed` (moved, or a phone where the register has another or none). Only CCCDs the file
    /// names twice need the search.
    private func choosePersonStatements() throws {
        let source = centerCode ?? ""
        try connection.query("""
            CREATE TEMP TABLE person_first ON COMMIT DROP AS
                SELECT f.*, p.national_id IS NULL AS is_new,
                       p.national_id IS NOT NULL AND COALESCE(p.commune_code <> f.commune_code, false) AND f.wins AS moved,
                       p.national_id IS NOT NULL
                           AND ((p.commune_code <> f.commune_code AND f.wins)
                                OR (f.phone IS NOT NULL AND p.phone IS DISTINCT FROM f.phone)) AS changed,
                       p.national_id IS NOT NULL AND f.wins
                           AND (p.commune_code, p.commune_as_of, p.commune_source)
                               IS DISTINCT FROM (f.commune_code, f.as_of, f.source) AS restated
                FROM (SELECT s.*,
                             p.national_id IS NULL OR p.commune_source IS NULL
                             OR (s.source = p.commune_source AND s.as_of IS NOT DISTINCT FROM p.commune_as_of)
                             OR COALESCE(s.as_of, '-infinity') > COALESCE(p.commune_as_of, '-infinity')
                             OR (COALESCE(s.as_of, '-infinity') = COALESCE(p.commune_as_of, '-infinity')
                                 AND s.source < p.commune_source COLLATE "C") AS wins
                      FROM (SELECT a.line, a.national_id, a.full_name, a.name_key, a.date_of_birth, a.sex, a.phone,
                                   a.commune_code, \(unescaped: statementDate) AS as_of, \(source)::text AS source
                            FROM pending a WHERE NOT EXISTS (SELECT 1 FROM dup_row d WHERE d.national_id = a.national_id)
                            UNION ALL
                            (SELECT DISTINCT ON (a.national_id) a.line, a.national_id, a.full_name, a.name_key, a.date_of_birth,
                                    a.sex, a.phone, a.commune_code, \(unescaped: statementDate), \(source)::text
                             FROM pending a
                             WHERE EXISTS (SELECT 1 FROM dup_row d WHERE d.national_id = a.national_id)
                             ORDER BY a.national_id, \(unescaped: statementDate) DESC NULLS LAST, a.line)) s
                      LEFT JOIN people p ON p.national_id = s.national_id) f
                LEFT JOIN people p ON p.national_id = f.national_id
            """)
        try connection.execute(unsafeSQL: "ANALYZE person_first")
    }

    /// `affected_person`: the people whose contribution to the report this import may change:
    /// those it gives evidence (a pass; a trainer's certification) and those it moves.
    private func collectAffectedPeople() throws {
        let evidence = kind == .experts || kind == .instructors ? "true" : "a.result = 'pass'"
        let moved = kind == .completions ? "" : "UNION SELECT national_id FROM person_first WHERE moved"
        try connection.execute(unsafeSQL: """
            CREATE TEMP TABLE affected_person ON COMMIT DROP AS
                SELECT a.national_id FROM pending a WHERE \(evidence)
                \(moved);
            """)
    }

    /// New people inserted; the register's people updated where the file's statement wins.
    private func mergePeople() throws {
        try connection.execute(unsafeSQL: """
            INSERT INTO people (national_id, full_name, name_key, date_of_birth, sex, phone, commune_code, commune_as_of, commune_source)
            SELECT national_id, full_name, name_key, date_of_birth, sex, phone, commune_code, as_of, source
            FROM person_first WHERE is_new
            ORDER BY national_id;

            UPDATE people p
            SET phone = COALESCE(f.phone, p.phone),
                commune_code = CASE WHEN f.wins THEN f.commune_code ELSE p.commune_code END,
                commune_as_of = CASE WHEN f.wins THEN f.as_of ELSE p.commune_as_of END,
                commune_source = CASE WHEN f.wins THEN f.source ELSE p.commune_source END,
                updated_at = now()
            FROM person_first f
            WHERE (f.changed OR f.restated) AND p.national_id = f.national_id;
            """)
    }

    /// A trainer roster's rows are accreditations, each kept once (person, date, centre). A
    /// person who holds no valid certificate of the track gets one, from their earliest new
    /// accreditation, dated no earlier than their last revocation (at most one valid at a time).
    private func mergeAccreditations() throws {
        let track = trainerTrack
        let expert = kind == .experts
        try connection.query("""
            CREATE TEMP TABLE accreditation_new ON COMMIT DROP AS
                SELECT DISTINCT ON (a.national_id, a.certified_on) a.line, a.national_id, a.certified_on,
                       CASE WHEN \(expert) THEN NULL ELSE a.trained_by END AS trained_by, a.certificate_code
                FROM pending a
                WHERE NOT EXISTS (SELECT 1 FROM accreditations x
                                  WHERE x.national_id = a.national_id AND x.track = \(track)::certificate_track
                                    AND x.certified_on = a.certified_on
                                    AND COALESCE(x.center_code, '') = COALESCE(\(expert ? nil : centerCode), ''))
                ORDER BY a.national_id, a.certified_on, a.line
            """)
        try connection.execute(unsafeSQL: "ANALYZE accreditation_new")
        try connection.query("""
            INSERT INTO certificate_new (line, code, national_id, issued_on, issuer)
            SELECT DISTINCT ON (n.national_id) n.line, n.certificate_code, n.national_id, greatest(n.certified_on, r.last),
                   n.trained_by
            FROM accreditation_new n
            LEFT JOIN (SELECT national_id, max(revoked_on) AS last FROM revocations
                       WHERE track = \(track)::certificate_track GROUP BY national_id) r USING (national_id)
            WHERE NOT EXISTS (SELECT 1 FROM certificates c
                              WHERE c.national_id = n.national_id AND c.track = \(track)::certificate_track AND NOT c.revoked)
            ORDER BY n.national_id, n.certified_on, n.line
            """)
        try connection.query("""
            INSERT INTO certificates (code, national_id, track, issued_on, issued_by, center_code, batch_id)
            SELECT code, national_id, \(track)::certificate_track, issued_on, issuer,
                   CASE WHEN \(expert) THEN NULL ELSE \(centerCode) END, \(batchID)
            FROM certificate_new ORDER BY national_id
            """)
        try connection.query("""
            INSERT INTO accreditations (national_id, track, certified_on, trained_by, center_code, certificate_code, batch_id)
            SELECT n.national_id, \(track)::certificate_track, n.certified_on, n.trained_by,
                   CASE WHEN \(expert) THEN NULL ELSE \(centerCode) END, c.code, \(batchID)
            FROM accreditation_new n
            JOIN certificates c ON c.national_id = n.national_id AND c.track = \(track)::certificate_track AND NOT c.revoked
            ORDER BY n.national_id, n.certified_on
            """)
    }

    private func mergeClasses() throws {
        try connection.query("""
            INSERT INTO classes (code, track, center_code, instructor_id, batch_id)
            SELECT n.class_code, 'instructor_to_learner', \(centerCode), n.instructor_id, \(batchID)
            FROM new_class n
            WHERE EXISTS (SELECT 1 FROM pending a WHERE a.class_code = n.class_code)
            ORDER BY n.class_code
            """)
    }

    /// The accepted rows with their class's id, code, centre and instructor.
    private func classifyAccepted() throws {
        try connection.execute(unsafeSQL: """
            CREATE TEMP TABLE accepted_class ON COMMIT DROP AS
                SELECT a.line, a.national_id, a.enrolled_on, a.completed_on, a.result, a.score, a.certificate_code,
                       a.roster_fingerprint, c.id AS class_id, c.code AS class_code, c.center_code,
                       COALESCE(a.issued_by, c.instructor_id) AS issuer
                FROM pending a JOIN classes c ON c.code = a.class_code;
            ANALYZE accepted_class;
            """)
    }

    private func mergeEnrolments() throws {
        // Enrolments this file names again take its row's fingerprint (`UnchangedRows`), first,
        // while the table holds only what was there before this import.
        try connection.execute(unsafeSQL: """
            UPDATE enrolments e SET roster_fingerprint = a.roster_fingerprint
            FROM accepted_class a
            WHERE e.class_id = a.class_id AND e.national_id = a.national_id
              AND e.roster_fingerprint IS DISTINCT FROM a.roster_fingerprint;
            CREATE TEMP TABLE enrolment_new ON COMMIT DROP AS
                SELECT DISTINCT ON (a.class_id, a.national_id) a.class_id, a.national_id, a.enrolled_on, a.roster_fingerprint
                FROM accepted_class a
                WHERE NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.class_id = a.class_id AND e.national_id = a.national_id)
                ORDER BY a.class_id, a.national_id, a.line;
            ANALYZE enrolment_new;
            """)
        try connection.query("""
            INSERT INTO enrolments (class_id, national_id, enrolled_on, batch_id, roster_fingerprint)
            SELECT class_id, national_id, enrolled_on, \(batchID), roster_fingerprint FROM enrolment_new ORDER BY class_id, national_id
            """)
        try connection.execute(unsafeSQL: """
            -- Participants count once, from their first enrolment: move them where this import
            -- enrols them earlier than before.
            CREATE TEMP TABLE participant_change ON COMMIT DROP AS
                SELECT f.national_id, f.day AS new_day, p.first_day AS old_day
                FROM (SELECT national_id, min(COALESCE(enrolled_on, current_date)) AS day
                      FROM enrolment_new GROUP BY national_id) f
                LEFT JOIN participants p USING (national_id)
                WHERE p.first_day IS NULL OR f.day < p.first_day;
            INSERT INTO participants (national_id, first_day)
            SELECT national_id, new_day FROM participant_change WHERE old_day IS NULL ORDER BY national_id;
            UPDATE participants p SET first_day = c.new_day
            FROM participant_change c WHERE c.old_day IS NOT NULL AND p.national_id = c.national_id;
            INSERT INTO report_events (target_group, dimension, key, day, delta)
            SELECT 'participants', 'total', '', day, sum(delta)
            FROM (SELECT new_day AS day, 1 AS delta FROM participant_change
                  UNION ALL SELECT old_day, -1 FROM participant_change WHERE old_day IS NOT NULL) e
            GROUP BY day
            ON CONFLICT (dimension, target_group, day, key) DO UPDATE SET delta = report_events.delta + excluded.delta;
            """)
    }

    /// Results, first their certificates: a pass gives the person a learner certificate unless
    /// they hold a valid one already (then the completion record points to it). The certificate
    /// comes from the person's earliest pass in the file that no revocation voids, dated no
    /// earlier than their last revocation, so at most one certificate of theirs is valid on any
    /// day.
    private func mergeLearnerCertificates() throws {
        try connection.execute(unsafeSQL: """
            INSERT INTO certificate_new (line, code, national_id, issued_on, issuer, class_id)
            SELECT DISTINCT ON (a.national_id) a.line, a.certificate_code, a.national_id, greatest(a.completed_on, r.last),
                   a.issuer, a.class_id
            FROM accepted_class a
            LEFT JOIN (SELECT national_id, max(revoked_on) AS last FROM revocations
                       WHERE track = 'learner' GROUP BY national_id) r USING (national_id)
            WHERE a.result = 'pass'
              AND NOT EXISTS (SELECT 1 FROM certificates x WHERE x.national_id = a.national_id AND x.track = 'learner' AND NOT x.revoked)
              -- A pass the register holds, voided by a revocation, sent again (it stands, see
              -- checkResults): no new evidence, no certificate.
              AND NOT EXISTS (SELECT 1 FROM revocations v
                              WHERE v.national_id = a.national_id AND v.track = 'learner' AND v.class_id = a.class_id
                                AND v.revoked_on >= a.completed_on)
            ORDER BY a.national_id, a.completed_on, a.center_code, a.class_code, a.line;
            ANALYZE certificate_new;
            """)
        try connection.query("""
            INSERT INTO certificates (code, national_id, track, issued_on, issued_by, class_id, batch_id)
            SELECT code, national_id, 'learner', issued_on, issuer, class_id, \(batchID)
            FROM certificate_new ORDER BY national_id
            """)
    }

    /// Then the completion records: a pass points at the person's learner certificate, a fail
    /// at none. The same result twice is kept once.
    private func mergeCompletions() throws {
        try connection.execute(unsafeSQL: """
            CREATE TEMP TABLE completion_new ON COMMIT DROP AS
                SELECT DISTINCT ON (a.class_id, a.national_id, a.result, a.completed_on)
                       a.class_id, a.national_id, a.result, a.score, a.completed_on, a.issuer
                FROM accepted_class a
                WHERE a.result IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM completions x
                                  WHERE (x.class_id, x.national_id, x.result, x.completed_on)
                                      = (a.class_id, a.national_id, a.result, a.completed_on))
                ORDER BY a.class_id, a.national_id, a.result, a.completed_on, a.line;
            ANALYZE completion_new;
            """)
        try connection.query("""
            INSERT INTO completions (class_id, national_id, result, score, completed_on, issued_by, certificate_code, batch_id)
            SELECT n.class_id, n.national_id, n.result, n.score, n.completed_on, n.issuer,
                   CASE WHEN n.result = 'pass' THEN x.code END, \(batchID)
            FROM completion_new n
            LEFT JOIN certificates x ON x.national_id = n.national_id AND x.track = 'learner' AND NOT x.revoked
            ORDER BY n.class_id, n.national_id
            """)
    }

    // MARK: Counting

    struct Counts {
        var inserted = 0
        var updated = 0
        var unchanged = 0
        var duplicates = 0
    }

    /// Each accepted line once: a duplicate (identical to an earlier line), inserted (it created
    /// a person, certificate, enrolment or record), updated (it changed a person's phone or
    /// commune), or unchanged (the rows set aside as held, and the rest). `accepted` is the
    /// importer's count of lines without a reject.
    func counts(accepted: Int) throws -> Counts {
        // What a line created, by kind; learner and results lines are read with their class.
        var created: [String] = []
        if kind != .completions {
            created.append("EXISTS (SELECT 1 FROM person_first f WHERE f.national_id = a.national_id AND f.is_new)")
        }
        switch kind {
        case .experts, .instructors:
            created.append("EXISTS (SELECT 1 FROM accreditation_new c WHERE c.national_id = a.national_id AND c.certified_on = a.certified_on)")
        case .learners, .completions:
            if kind == .learners {
                created.append("EXISTS (SELECT 1 FROM enrolment_new n WHERE (n.class_id, n.national_id) = (a.class_id, a.national_id))")
            }
            created.append("""
                EXISTS (SELECT 1 FROM completion_new n
                        WHERE (n.class_id, n.national_id, n.result, n.completed_on)
                            = (a.class_id, a.national_id, a.result, a.completed_on))
                """)
        }
        let lines = kind == .experts || kind == .instructors ? "pending" : "accepted_class"
        let changed = kind == .completions
            ? "false" : "EXISTS (SELECT 1 FROM person_first f WHERE f.national_id = a.national_id AND f.changed)"
        let row = try connection.execute(unsafeSQL: """
            WITH duplicate AS (
                SELECT line FROM (
                    SELECT d.line, row_number() OVER (
                               PARTITION BY d.national_id, d.full_name, d.date_of_birth, d.sex, d.phone, d.commune_code,
                                            d.certified_on, d.trained_by, d.class_code, d.instructor_id, d.enrolled_on,
                                            d.completed_on, d.result, d.score, d.issued_by
                               ORDER BY d.line) > 1 AS later
                    FROM dup_row d WHERE NOT EXISTS (SELECT 1 FROM stage_reject r WHERE r.line = d.line)
                                     AND NOT EXISTS (SELECT 1 FROM hold_row h WHERE h.line = d.line)) x
                WHERE later),
            pending_line AS (
                SELECT \(created.joined(separator: " OR ")) AS is_new, \(changed) AS changed
                FROM \(lines) a WHERE NOT EXISTS (SELECT 1 FROM duplicate u WHERE u.line = a.line))
            SELECT (SELECT count(*) FROM duplicate),
                   (SELECT count(*) FROM pending_line WHERE is_new),
                   (SELECT count(*) FROM pending_line WHERE NOT is_new AND changed)
            """).first
        guard let row else { return Counts() }
        let (duplicates, inserted, updated) = try row.decode((Int, Int, Int).self)
        return Counts(inserted: inserted, updated: updated, unchanged: accepted - duplicates - inserted - updated,
                      duplicates: duplicates)
    }

    /// The held rows, by line: what differs from the register (`enrolment`: a results row held
    /// with its learner row), and the likely cause.
    func held(_ body: (_ line: Int, _ differs: String, _ cause: String?) throws -> Void) throws {
        try connection.stream("SELECT line, differs, hold_cause FROM hold_row ORDER BY line") { row in
            let (line, differs, cause) = try row.decode((Int, String, String?).self)
            try body(line, differs, cause)
        }
    }

    /// The database's rejects, by line, streamed (a badly damaged file can have hundreds of
    /// thousands).
    func rejects(_ body: (_ line: Int, _ code: String, _ field: String?, _ otherLine: Int?, _ cause: String?) throws -> Void) throws {
        try connection.stream("SELECT line, code, field, other_line, cause FROM stage_reject ORDER BY line, code") { row in
            let (line, code, field, otherLine, cause) = try row.decode((Int, String, String?, Int?, String?).self)
            try body(line, code, field, otherLine, cause)
        }
    }
}
