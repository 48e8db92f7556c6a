import PostgresLibPQ

/// The session's staging table: clean, typed rows go in by COPY, and the checks against the
/// register and the merges run over it set-wise. It is a temporary table (no WAL, dropped at
/// commit), one shape for every roster kind; columns a kind does not use stay NULL.
enum RosterStage {
    static let columns = [
        "line", "national_id", "full_name", "name_key", "date_of_birth", "sex", "phone", "commune_code",
        "certified_on", "trained_by", "class_code", "instructor_id", "enrolled_on", "completed_on", "result",
        "score", "issued_by", "certificate_code", "roster_fingerprint",
    ]

    static func create(on connection: PostgresConnection) throws {
        try connection.execute(unsafeSQL: """
            CREATE TEMP TABLE stage (
                line integer NOT NULL,
                national_id text NOT NULL,
                full_name text,
                name_key text,
                date_of_birth date,
                sex text,
                phone text,
                commune_code text,
                certified_on date,
                trained_by text,
                class_code text,
                instructor_id text,
                enrolled_on date,
                completed_on date,
                result text,
                score numeric,
                issued_by text,
                certificate_code text,
                roster_fingerprint bytea
            ) ON COMMIT DROP;
            CREATE TEMP TABLE stage_reject (
                line integer NOT NULL,
                code text NOT NULL,
                field text,
                other_line integer,
                -- Why, where the code alone does not say it (e.g. tone_only).
                cause text
            ) ON COMMIT DROP;
            """)
    }

    static var copyStatement: PostgresQuery {
        PostgresQuery(unsafeSQL: "COPY stage (\(columns.joined(separator: ", "))) FROM STDIN")
    }

    /// The row's cells in `columns` order. A certificate code is drawn for every row that may
    /// create a certificate; the merge uses it only where one is really issued. `fingerprint` is
    /// the row's `RowFingerprint` as bytea text (learner rows).
    static func cells(
        for row: RosterRow, kind: RosterKind, fingerprint: String?, random: inout some RandomNumberGenerator
    ) -> [String?] {
        let mayCertify: Bool
        switch kind {
        case .experts, .instructors: mayCertify = true
        case .learners, .completions: mayCertify = row.result == .pass
        }
        return [
            String(row.line),
            row.nationalID.digits,
            row.name?.text,
            row.name?.matchingKey,
            row.dateOfBirth?.description,
            row.sex?.rawValue,
            row.phone?.e164,
            row.commune?.code,
            row.certifiedOn?.description,
            row.trainedBy?.digits,
            row.classCode,
            row.instructorID?.digits,
            row.enrolledOn?.description,
            row.completedOn?.description,
            row.result?.rawValue,
            row.score,
            row.issuedBy?.digits,
            mayCertify ? CertificateCode.random(using: &random).value : nil,
            fingerprint,
        ]
    }
}
