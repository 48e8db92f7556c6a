import PostgresLibPQ

/// The register's content, read as the owner (past row-level security), to show that nothing
/// changed, or that two registers hold the same records.
///
/// Each table is reduced to its rows as text, sorted, and hashed. `exact` takes every column;
/// `content` leaves out what differs between two equal imports (generated ids and certificate
/// codes, clock times, who ran them) and names classes by code, so that registers built in two
/// databases compare equal when they hold the same facts.
public struct RegisterSnapshot: Equatable, CustomStringConvertible {
    public enum Mode: Sendable { case exact, content }

    /// table → (rows, md5 of the sorted rows).
    public let tables: [String: Table]

    public struct Table: Equatable, Sendable {
        public let rows: Int
        public let digest: String
    }

    public init(_ db: PostgresConnection, _ mode: Mode = .exact) throws {
        var tables: [String: Table] = [:]
        for (name, select) in mode == .exact ? Self.exactQueries : Self.contentQueries {
            let row = try db.execute(unsafeSQL: """
                SELECT count(*), coalesce(md5(string_agg(r::text, E'\\n' ORDER BY r::text)), '') FROM (\(select)) r
                """).rows[0]
            let (rows, digest) = try row.decode((Int, String).self)
            tables[name] = Table(rows: rows, digest: digest)
        }
        self.tables = tables
    }

    public var people: Int { tables["people"]?.rows ?? 0 }
    public var completions: Int { tables["completions"]?.rows ?? 0 }

    public var description: String {
        tables.keys.sorted().map { "\($0): \(tables[$0]!.rows) rows \(tables[$0]!.digest.prefix(8))" }.joined(separator: ", ")
    }

    /// The tables whose content differs from `other`'s.
    public func differences(from other: RegisterSnapshot) -> [String] {
        Set(tables.keys).union(other.tables.keys).filter { tables[$0] != other.tables[$0] }.sorted()
    }

    static let registerTables = [
        "people", "training_centers", "classes", "enrolments", "completions", "certificates", "accreditations", "revocations",
        "participants", "report_events", "import_batches", "audit_log", "accounts", "api_tokens", "sessions", "import_jobs",
        "identity_holds", "people_identity_history", "person_aliases", "publication",
    ]

    static let exactQueries: [(String, String)] = registerTables.map { ($0, "SELECT * FROM \($0)") }

    static let contentQueries: [(String, String)] = [
        ("people", """
            SELECT national_id, full_name, name_key, date_of_birth, sex, phone, commune_code, commune_as_of, commune_source FROM people
            """),
        ("classes", "SELECT code, track, center_code, instructor_id, starts_on, ends_on FROM classes"),
        ("enrolments", """
            SELECT c.code, e.national_id, e.enrolled_on, e.roster_fingerprint FROM enrolments e JOIN classes c ON c.id = e.class_id
            """),
        ("completions", """
            SELECT c.code, x.national_id, x.result, x.score, x.completed_on, x.issued_by, x.certificate_code IS NOT NULL
            FROM completions x JOIN classes c ON c.id = x.class_id
            """),
        ("certificates", """
            SELECT x.national_id, x.track, x.issued_on, x.issued_by, c.code, x.center_code, x.revoked
            FROM certificates x LEFT JOIN classes c ON c.id = x.class_id
            """),
        ("accreditations", "SELECT national_id, track, certified_on, trained_by, center_code FROM accreditations"),
        ("participants", "SELECT * FROM participants"),
        ("report_events", "SELECT target_group, dimension, key, day, sum(delta) FROM report_events GROUP BY 1, 2, 3, 4 HAVING sum(delta) <> 0"),
        ("import_batches", """
            SELECT kind, sha256, center_code, rows_read, accepted, rejected, held, inserted, updated, unchanged, duplicates, warnings
            FROM import_batches WHERE finished_at IS NOT NULL
            """),
        ("identity_holds", """
            SELECT kind, center_code, line, national_id, full_name, date_of_birth, differs, cause, row_key, status, return_code
            FROM identity_holds
            """),
        ("people_identity_history", "SELECT national_id, full_name, name_key, date_of_birth FROM people_identity_history"),
        ("person_aliases", "SELECT national_id, name_key, date_of_birth FROM person_aliases"),
    ]
}
