import PostgresLibPQ

/// The set-wise half of an import: checks of the staged rows against each other and against the
/// register, then the merges, each one statement over the whole file in key order.
///
/// Every check adds rows to `stage_reject` (line, code, field, other line); the merges take only
/// the lines with no reject. Newly written keys are kept in small temporary tables so each line
/// can be counted as inserted, updated or unchanged.
struct RosterMerge {
    let connection: PostgresConnection
    let kind: RosterKind
    let centerCode: String?
    let batchID: Int

    /// Imports serialise here, after their COPY: the checks against the register and the merges
    /// see every committed import, so two imports of overlapping people never both insert one.
    static let lockKey: Int64 = 0x686F_6361_6969_6D70

    func run() throws {
        try connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))")
        try connection.execute(unsafeSQL: "CREATE INDEX ON stage (national_id); ANALYZE stage;")
        if kind != .completions { try checkPeople() }
        switch kind {
        case .experts: break
        case .instructors: try checkInstructors()
        case .learners: try checkLearnerClasses()
        case .completions: try checkCompletionClasses()
        }
        if kind == .learners || kind == .completions { try checkResults() }
        try connection.execute(unsafeSQL: """
            CREATE TEMP TABLE accepted ON COMMIT DROP AS
                SELECT s.* FROM stage s WHERE NOT EXISTS (SELECT 1 FROM stage_reject r WHERE r.line = s.line);
            CREATE TEMP TABLE person_new (national_id text PRIMARY KEY) ON COMMIT DROP;
            CREATE TEMP TABLE person_changed (national_id text PRIMARY KEY) ON COMMIT DROP;
            CREATE TEMP TABLE line_new (line integer PRIMARY KEY) ON COMMIT DROP;
            ANALYZE accepted;
            """)
    }

    // MARK: Checks

    /// One CCCD, one person: within the file and against the register (the register wins).
    private func checkPeople() throws {
        try connection.execute(unsafeSQL: """
            INSERT INTO stage_reject (line, code, field, other_line)
            SELECT w.line, 'person.conflict_in_file', 'full_name',
                   (SELECT min(o.line) FROM stage o
                    WHERE o.national_id = w.national_id
                      AND (o.name_key, o.date_of_birth) IS DISTINCT FROM (w.name_key, w.date_of_birth))
            FROM (SELECT line, national_id, name_key, date_of_birth,
                         min(name_key) OVER p <> max(name_key) OVER p
                         OR min(date_of_birth) OVER p <> max(date_of_birth) OVER p AS conflict
                  FROM stage WINDOW p AS (PARTITION BY national_id)) w
            WHERE w.conflict;

            INSERT INTO stage_reject (line, code, field)
            SELECT s.line, 'person.identity_conflict',
                   CASE WHEN p.name_key <> s.name_key THEN 'full_name' ELSE 'date_of_birth' END
            FROM stage s JOIN people p USING (national_id)
            WHERE p.name_key <> s.name_key OR p.date_of_birth <> s.date_of_birth;
            """)
    }

    /// A core instructor is certified by an expert who held a valid expert certificate that day.
    private func checkInstructors() throws {
        try connection.execute(unsafeSQL: """
            INSERT INTO stage_reject (line, code, field)
            SELECT line, 'trained_by.self', 'trained_by' FROM stage WHERE trained_by = national_id;

            INSERT INTO stage_reject (line, code, field)
            SELECT line, 'trained_by.not_expert', 'trained_by' FROM stage
            WHERE trained_by <> national_id
              AND NOT holds_valid_certificate(trained_by, ARRAY['expert']::certificate_track[], certified_on);
            """)
    }

    /// Classes are created on first sight at the sending centre, with an instructor who holds a
    /// valid core-instructor or expert certificate; an existing class must be this centre's.
    private func checkLearnerClasses() throws {
        try connection.query("""
            INSERT INTO stage_reject (line, code, field)
            SELECT s.line, CASE WHEN c.center_code <> \(centerCode) THEN 'class.other_center' ELSE 'class.other_track' END,
                   'class_code'
            FROM stage s JOIN classes c ON c.code = s.class_code
            WHERE c.center_code <> \(centerCode) OR c.track <> 'instructor_to_learner'
            """)
        try connection.execute(unsafeSQL: """
            CREATE TEMP TABLE new_class ON COMMIT DROP AS
                SELECT DISTINCT ON (class_code) class_code, instructor_id, line AS first_line
                FROM stage s
                WHERE instructor_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM classes c WHERE c.code = s.class_code)
                ORDER BY class_code, line;

            INSERT INTO stage_reject (line, code, field)
            SELECT s.line, 'class.instructor_missing', 'instructor_id' FROM stage s
            WHERE NOT EXISTS (SELECT 1 FROM classes c WHERE c.code = s.class_code)
              AND NOT EXISTS (SELECT 1 FROM new_class n WHERE n.class_code = s.class_code);

            INSERT INTO stage_reject (line, code, field, other_line)
            SELECT s.line, 'class.instructor_conflict', 'instructor_id', n.first_line
            FROM stage s JOIN new_class n USING (class_code)
            WHERE s.instructor_id IS NOT NULL AND s.instructor_id <> n.instructor_id;

            INSERT INTO stage_reject (line, code, field)
            SELECT s.line, 'class.instructor_not_certified', 'instructor_id'
            FROM stage s JOIN new_class n USING (class_code)
            WHERE NOT holds_valid_certificate(n.instructor_id, ARRAY['instructor', 'expert']::certificate_track[], current_date);
            """)
    }

    /// Results in bulk: the class must exist at this centre and the person be registered.
    private func checkCompletionClasses() throws {
        try connection.query("""
            INSERT INTO stage_reject (line, code, field)
            SELECT s.line,
                   CASE WHEN c.id IS NULL THEN 'completion.unknown_class'
                        WHEN c.center_code <> \(centerCode) THEN 'class.other_center'
                        ELSE 'class.other_track' END,
                   'class_code'
            FROM stage s LEFT JOIN classes c ON c.code = s.class_code
            WHERE c.id IS NULL OR c.center_code <> \(centerCode) OR c.track <> 'instructor_to_learner'
            """)
        try connection.execute(unsafeSQL: """
            INSERT INTO stage_reject (line, code, field)
            SELECT s.line, 'completion.unknown_person', 'national_id' FROM stage s
            WHERE NOT EXISTS (SELECT 1 FROM people p WHERE p.national_id = s.national_id);

            INSERT INTO stage_reject (line, code, field)
            SELECT s.line, 'completion.not_enrolled', 'class_code'
            FROM stage s JOIN classes c ON c.code = s.class_code
            WHERE EXISTS (SELECT 1 FROM people p WHERE p.national_id = s.national_id)
              AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.class_id = c.id AND e.national_id = s.national_id);
            """)
    }

    /// The rules of a completion record: the issuer (the class's instructor unless named) held a
    /// valid instructor or expert certificate on the completion date, and the date is not before
    /// the enrolment.
    private func checkResults() throws {
        let issuer = kind == .completions ? "COALESCE(s.issued_by, c.instructor_id)" : "c.instructor_id"
        let classJoin = kind == .completions
            ? "JOIN classes c ON c.code = s.class_code"
            : "LEFT JOIN classes c0 ON c0.code = s.class_code LEFT JOIN new_class n ON n.class_code = s.class_code "
              + "CROSS JOIN LATERAL (SELECT COALESCE(c0.instructor_id, n.instructor_id) AS instructor_id, c0.id) c"
        try connection.execute(unsafeSQL: """
            CREATE TEMP TABLE result_issuer ON COMMIT DROP AS
                SELECT s.line, \(issuer) AS issuer, s.completed_on,
                       COALESCE(s.enrolled_on, (SELECT e.enrolled_on FROM enrolments e
                                                WHERE e.class_id = c.id AND e.national_id = s.national_id)) AS enrolled_on
                FROM stage s \(classJoin)
                WHERE s.result IS NOT NULL AND s.completed_on IS NOT NULL;

            INSERT INTO stage_reject (line, code, field)
            SELECT line, 'completion.before_enrolment', 'completed_on' FROM result_issuer
            WHERE completed_on < enrolled_on;

            INSERT INTO stage_reject (line, code, field)
            SELECT line,
                   CASE WHEN holds_valid_certificate(issuer, ARRAY['instructor', 'expert']::certificate_track[], 'infinity')
                        THEN 'completion.before_issuer_certified' ELSE 'completion.issuer_not_certified' END,
                   'completed_on'
            FROM result_issuer
            WHERE issuer IS NOT NULL
              AND NOT holds_valid_certificate(issuer, ARRAY['instructor', 'expert']::certificate_track[], completed_on);
            """)
    }

    // MARK: Merges

    /// Writes the accepted rows. People first (new ones inserted, phone and commune updated; where
    /// a file names one person twice, its first row speaks for them),
    /// then what the kind adds: certificates, classes, enrolments, completion records.
    func merge() throws {
        if kind != .completions { try mergePeople() }
        switch kind {
        case .experts: try mergeTrainerCertificates(track: "expert")
        case .instructors: try mergeTrainerCertificates(track: "instructor")
        case .learners:
            try mergeClassesAndEnrolments()
            try mergeResults()
        case .completions: try mergeResults()
        }
    }

    private func mergePeople() throws {
        try connection.execute(unsafeSQL: """
            CREATE TEMP TABLE person_latest ON COMMIT DROP AS
                SELECT DISTINCT ON (national_id) national_id, full_name, name_key, date_of_birth, sex, phone, commune_code
                FROM accepted ORDER BY national_id, line;

            WITH inserted AS (
                INSERT INTO people (national_id, full_name, name_key, date_of_birth, sex, phone, commune_code)
                SELECT l.national_id, l.full_name, l.name_key, l.date_of_birth, l.sex, l.phone, l.commune_code
                FROM person_latest l
                WHERE NOT EXISTS (SELECT 1 FROM people p WHERE p.national_id = l.national_id)
                ORDER BY l.national_id
                RETURNING national_id)
            INSERT INTO person_new SELECT national_id FROM inserted;

            WITH changed AS (
                UPDATE people p
                SET phone = COALESCE(l.phone, p.phone), commune_code = l.commune_code, updated_at = now()
                FROM person_latest l
                WHERE p.national_id = l.national_id
                  AND (p.commune_code <> l.commune_code OR (l.phone IS NOT NULL AND p.phone IS DISTINCT FROM l.phone))
                RETURNING p.national_id)
            INSERT INTO person_changed SELECT national_id FROM changed;
            """)
    }

    /// Expert certificates (issued by the province) and core-instructor certificates (issued by
    /// the expert in `trained_by`): one per person and track, the first one kept.
    private func mergeTrainerCertificates(track: String) throws {
        let expert = track == "expert"
        try connection.query("""
            WITH issued AS (
                INSERT INTO certificates (code, national_id, track, issued_on, issued_by, center_code, batch_id)
                SELECT DISTINCT ON (a.national_id) a.certificate_code, a.national_id, \(track)::certificate_track,
                       a.certified_on, CASE WHEN \(expert) THEN NULL ELSE a.trained_by END,
                       CASE WHEN \(expert) THEN NULL ELSE \(centerCode) END, \(batchID)
                FROM accepted a
                WHERE NOT EXISTS (SELECT 1 FROM certificates c
                                  WHERE c.national_id = a.national_id AND c.track = \(track)::certificate_track)
                ORDER BY a.national_id, a.line
                RETURNING national_id)
            INSERT INTO line_new
            SELECT a.line FROM accepted a WHERE a.national_id IN (SELECT national_id FROM issued)
            ON CONFLICT DO NOTHING
            """)
    }

    private func mergeClassesAndEnrolments() throws {
        try connection.query("""
            INSERT INTO classes (code, track, center_code, instructor_id, batch_id)
            SELECT n.class_code, 'instructor_to_learner', \(centerCode), n.instructor_id, \(batchID)
            FROM new_class n
            WHERE EXISTS (SELECT 1 FROM accepted a WHERE a.class_code = n.class_code)
            ORDER BY n.class_code
            """)
        try connection.query("""
            WITH enrolled AS (
                INSERT INTO enrolments (class_id, national_id, enrolled_on, batch_id)
                SELECT DISTINCT ON (c.id, a.national_id) c.id, a.national_id, a.enrolled_on, \(batchID)
                FROM accepted a JOIN classes c ON c.code = a.class_code
                WHERE NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.class_id = c.id AND e.national_id = a.national_id)
                ORDER BY c.id, a.national_id, a.line
                RETURNING class_id, national_id)
            INSERT INTO line_new
            SELECT a.line FROM accepted a JOIN classes c ON c.code = a.class_code
            JOIN enrolled e ON e.class_id = c.id AND e.national_id = a.national_id
            ON CONFLICT DO NOTHING
            """)
    }

    /// Results: a pass gives the person a learner certificate unless they hold one already (then
    /// the record points to it); a fail is recorded with none. The same result twice is kept once.
    private func mergeResults() throws {
        let issuer = kind == .completions ? "COALESCE(a.issued_by, c.instructor_id)" : "c.instructor_id"
        // `issuer` is one of two fixed expressions, never data.
        var bindings = PostgresBindings()
        bindings.append(batchID)
        try connection.query(PostgresQuery(unsafeSQL: """
            INSERT INTO certificates (code, national_id, track, issued_on, issued_by, class_id, center_code, batch_id)
            SELECT DISTINCT ON (a.national_id) a.certificate_code, a.national_id, 'learner', a.completed_on,
                   \(issuer), c.id, c.center_code, $1
            FROM accepted a JOIN classes c ON c.code = a.class_code
            WHERE a.result = 'pass'
              AND NOT EXISTS (SELECT 1 FROM certificates x WHERE x.national_id = a.national_id AND x.track = 'learner')
            ORDER BY a.national_id, a.completed_on, a.line
            """, bindings: bindings))
        try connection.query(PostgresQuery(unsafeSQL: """
            WITH recorded AS (
                INSERT INTO completions (class_id, national_id, result, score, completed_on, issued_by, certificate_code, batch_id)
                SELECT DISTINCT ON (c.id, a.national_id, a.result, a.completed_on)
                       c.id, a.national_id, a.result, a.score, a.completed_on, \(issuer),
                       CASE WHEN a.result = 'pass' THEN
                           (SELECT x.code FROM certificates x WHERE x.national_id = a.national_id AND x.track = 'learner')
                       END,
                       $1
                FROM accepted a JOIN classes c ON c.code = a.class_code
                WHERE a.result IS NOT NULL
                ORDER BY c.id, a.national_id, a.result, a.completed_on, a.line
                ON CONFLICT ON CONSTRAINT completions_once DO NOTHING
                RETURNING class_id, national_id, result, completed_on)
            INSERT INTO line_new
            SELECT a.line FROM accepted a JOIN classes c ON c.code = a.class_code
            JOIN recorded r ON r.class_id = c.id AND r.national_id = a.national_id
                           AND r.result = a.result AND r.completed_on = a.completed_on
            ON CONFLICT DO NOTHING
            """, bindings: bindings))
    }

    // MARK: Counting

    struct Counts {
        var accepted = 0
        var inserted = 0
        var updated = 0
        var unchanged = 0
        var duplicates = 0
    }

    /// Each accepted line once: a duplicate (identical to an earlier line), inserted (it created
    /// a person, certificate, enrolment or record), updated (it changed a person's phone or
    /// commune), or unchanged.
    func counts() throws -> Counts {
        let row = try connection.execute(unsafeSQL: """
            SELECT count(*),
                   count(*) FILTER (WHERE NOT duplicate AND is_new),
                   count(*) FILTER (WHERE NOT duplicate AND NOT is_new AND changed),
                   count(*) FILTER (WHERE NOT duplicate AND NOT is_new AND NOT changed),
                   count(*) FILTER (WHERE duplicate)
            FROM (
                SELECT row_number() OVER (
                           PARTITION BY a.national_id, a.full_name, a.date_of_birth, a.sex, a.phone, a.commune_code,
                                        a.certified_on, a.trained_by, a.class_code, a.instructor_id, a.enrolled_on,
                                        a.completed_on, a.result, a.score, a.issued_by
                           ORDER BY a.line) > 1 AS duplicate,
                       (EXISTS (SELECT 1 FROM person_new n WHERE n.national_id = a.national_id)
                        OR EXISTS (SELECT 1 FROM line_new l WHERE l.line = a.line)) AS is_new,
                       EXISTS (SELECT 1 FROM person_changed u WHERE u.national_id = a.national_id) AS changed
                FROM accepted a) x
            """).first
        guard let row else { return Counts() }
        let (accepted, inserted, updated, unchanged, duplicates) = try row.decode((Int, Int, Int, Int, Int).self)
        return Counts(accepted: accepted, inserted: inserted, updated: updated, unchanged: unchanged, duplicates: duplicates)
    }

    /// The database's rejects, by line.
    func rejects() throws -> [(line: Int, code: String, field: String?, otherLine: Int?)] {
        try connection.execute(unsafeSQL: "SELECT line, code, field, other_line FROM stage_reject ORDER BY line, code").rows.map {
            try $0.decode((Int, String, String?, Int?).self)
        }
    }
}
