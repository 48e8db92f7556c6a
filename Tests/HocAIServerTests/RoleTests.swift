import Foundation
import HocAI
import HocAITestSupport
import PostgresLibPQ
import Testing

/// PostgreSQL enforces who may do what, whatever the server's code does: connected as the
/// server's role and switched into each group role with an account's scope (as every request
/// is), raw SQL reaching outside the scope is refused (SQLSTATE 42501) or sees no rows, and
/// nothing changes.
@Suite(.serialized, .hangGuard)
struct RoleTests {
    enum Outcome: CustomStringConvertible {
        /// Refused: SQLSTATE 42501.
        case refused
        /// Runs, and returns or touches no row.
        case noRows

        var description: String { self == .refused ? "refused" : "no rows" }
    }

    /// Runs each attempt in its own transaction under `scope` (committed when it does not fail,
    /// so that anything it managed to change would stay) and checks its outcome.
    private static func attempt(
        _ attempts: [(String, Outcome)], as scope: DatabaseScope, on connection: PostgresConnection
    ) {
        connection.transactionPrelude = scope.prelude
        defer { connection.transactionPrelude = nil }
        for (sql, expected) in attempts {
            do {
                let rows = try connection.transaction { try $0.execute(unsafeSQL: sql).rows.count }
                if expected == .refused || rows > 0 {
                    Issue.record("\(scope.role.rawValue): \(sql) was not refused and gave \(rows) rows (expected \(expected))")
                }
            } catch let error as PostgresError {
                if expected == .noRows || error.state != .insufficientPrivilege {
                    Issue.record("\(scope.role.rawValue): \(sql) failed with \(error.sqlState ?? "-") (expected \(expected))")
                }
            } catch {
                Issue.record("\(scope.role.rawValue): \(sql): \(error)")
            }
        }
    }

    /// The server's connection, as `hocai serve` makes it.
    private static func serverConnection(_ fixture: ServerFixture) throws -> PostgresConnection {
        try PostgresConnection(connectionString: try TestDatabase.databaseURL(for: fixture.name) + " user=hocai_server",
                               logger: TestDatabase.logger)
    }

    /// `body` on a fresh register, with the server's connection; whatever it attempts, the
    /// register is as it was afterwards.
    private static func asTheServer(_ body: (ServerFixture, PostgresConnection) throws -> Void) async throws {
        try await ServerFixture.with { fixture in
            let connection = try serverConnection(fixture)
            defer { connection.close() }
            let before = try RegisterSnapshot(fixture.db)
            try body(fixture, connection)
            #expect(try RegisterSnapshot(fixture.db) == before)
        }
    }

    private static func account(_ fixture: ServerFixture, _ login: String) throws -> Account {
        try AccountService(connection: fixture.db, logger: TestDatabase.logger).require(login)
    }

    /// What no role may do, whoever it is.
    static let forbiddenToAll: [(String, Outcome)] = [
        ("DELETE FROM people", .refused),
        ("TRUNCATE completions", .refused),
        ("DELETE FROM audit_log", .refused),
        ("CREATE TABLE stolen (x int)", .refused),
        ("ALTER TABLE people DISABLE ROW LEVEL SECURITY", .refused),
        ("DROP TABLE certificates", .refused),
        ("UPDATE certificates SET revoked = true", .refused),
        ("SELECT * FROM auth_failures", .refused),
        ("SET LOCAL ROLE postgres", .refused),
    ]

    @Test func aCentreReachesOnlyItsOwnCentre() async throws {
        try await Self.asTheServer { fixture, connection in
            let other = fixture.learners["TT02-B"]!
            Self.attempt([
                ("SELECT * FROM classes WHERE center_code = 'TT02'", .noRows),
                ("SELECT * FROM enrolments e JOIN classes c ON c.id = e.class_id WHERE c.code = 'TT02-B'", .noRows),
                ("SELECT * FROM completions WHERE national_id = '\(other[0])'", .noRows),
                ("SELECT * FROM certificates WHERE national_id = '\(other[0])'", .noRows),
                ("SELECT * FROM people WHERE national_id IN ('\(other.joined(separator: "','"))')", .noRows),
                ("SELECT * FROM import_batches WHERE center_code IS DISTINCT FROM 'TT01'", .noRows),
                ("SELECT * FROM import_jobs WHERE center_code = 'TT02'", .noRows),
                ("SELECT * FROM accounts", .refused),
                ("SELECT * FROM api_tokens", .refused),
                ("SELECT * FROM sessions", .refused),
                ("SELECT * FROM report_events", .refused),
                ("INSERT INTO classes (code, track, center_code, instructor_id) VALUES ('TT02-X', 'instructor_to_learner', 'TT02', '\(Cascade.instructor(1))')", .refused),
                ("UPDATE people SET full_name = 'X' WHERE national_id = '\(other[0])'", .refused),
                ("UPDATE classes SET center_code = 'TT01'", .refused),
                ("INSERT INTO import_jobs (id, kind, center_code, account_id, file_name, size) VALUES (gen_random_uuid(), 'learners', 'TT02', \(try Self.account(fixture, "tt01").id), 'x.csv', 1)", .refused),
                ("INSERT INTO revocations (certificate_code, reason, revoked_on) SELECT code, 'x', current_date FROM certificates LIMIT 1", .refused),
                // A job's rejects and progress are written by its import and its server only (sql/016).
                ("INSERT INTO import_job_rejects (job_id, part, content) VALUES (gen_random_uuid(), 0, 'x')", .refused),
                ("INSERT INTO import_job_progress (job_id, rows_read, bytes_read, total_bytes) VALUES (gen_random_uuid(), 0, 0, 0)", .refused),
                // The kept first passes are verify's (sql/017): written by writers of evidence only.
                ("SELECT * FROM first_passes", .refused),
                // Identity conflicts (sql/014): its own held rows only, no decision, no alias, no history.
                ("SELECT * FROM identity_holds WHERE center_code IS DISTINCT FROM 'TT01'", .noRows),
                ("UPDATE identity_holds SET status = 'returned', return_code = 'x', resolved_at = now()", .refused),
                ("SELECT * FROM person_aliases", .refused),
                ("SELECT * FROM people_identity_history", .refused),
                ("UPDATE publication SET public_url = 'https://hocai.example.vn'", .refused),
                ("SELECT people_with_open_conflicts()", .refused),
            ] + Self.forbiddenToAll, as: .acting(as: try Self.account(fixture, "tt01")), on: connection)
        }
    }

    /// An import for TT01 (what a centre's roster or an instructor's results run as) writes
    /// TT01's classes only, and an instructor's only in their own classes.
    @Test func anImportWritesOnlyItsCentreAndItsInstructorsClasses() async throws {
        try await Self.asTheServer { fixture, connection in
            let own = fixture.learners["TT01-A"]!, other = fixture.learners["TT02-B"]!
            let otherClass = "(SELECT id FROM classes WHERE code = 'TT02-B')", ownClass = "(SELECT id FROM classes WHERE code = 'TT01-A')"
            let centre = DatabaseScope.importing(as: try Self.account(fixture, "tt01"), center: "TT01")
            Self.attempt([
                ("INSERT INTO classes (code, track, center_code, instructor_id) VALUES ('TT02-X', 'instructor_to_learner', 'TT02', '\(Cascade.instructor(1))')", .refused),
                ("INSERT INTO enrolments (class_id, national_id, enrolled_on) VALUES (\(otherClass), '\(own[1])', '2025-06-01')", .refused),
                ("INSERT INTO completions (class_id, national_id, result, completed_on, issued_by) VALUES (\(otherClass), '\(other[1])', 'pass', '2025-06-20', '\(Cascade.instructor(6))')", .refused),
                ("UPDATE enrolments SET enrolled_on = '2025-06-02' WHERE class_id = \(otherClass) RETURNING 1", .noRows),
                ("UPDATE import_batches SET rows_read = 0 WHERE center_code = 'TT02' RETURNING 1", .noRows),
                ("UPDATE import_jobs SET status = 'failed' WHERE center_code = 'TT02' RETURNING 1", .noRows),
                ("INSERT INTO import_job_rejects (job_id, part, content) VALUES (gen_random_uuid(), 0, 'x')", .refused),
                ("UPDATE import_job_rejects SET content = 'x'", .refused),
                ("SELECT * FROM import_batches WHERE center_code = 'TT02'", .noRows),
                ("INSERT INTO import_batches (kind, file_name, sha256, center_code) VALUES ('learners', 'x.csv', repeat('a', 64), 'TT02')", .refused),
                ("INSERT INTO accreditations (national_id, track, certified_on, trained_by, center_code) VALUES ('\(own[1])', 'instructor', '2025-06-01', '\(Cascade.expert(0))', 'TT02')", .refused),
                ("UPDATE completions SET result = 'fail'", .refused),
                ("SELECT * FROM accounts", .refused),
                // A hold for another centre, a decision, an alias: refused.
                ("""
                 INSERT INTO identity_holds (batch_id, kind, center_code, line, national_id, full_name, name_key, date_of_birth, differs, row_data, row_key)
                 VALUES ((SELECT min(id) FROM import_batches), 'learners', 'TT02', 2, '\(other[1])', 'X', 'x', '1995-01-01', 'full_name', '{}', 'k')
                 """, .refused),
                ("UPDATE identity_holds SET status = 'applied'", .refused),
                ("INSERT INTO person_aliases (national_id, name_key, date_of_birth) VALUES ('\(other[1])', 'x', '1995-01-01')", .refused),
                ("UPDATE people SET date_of_birth = '1995-02-02' WHERE national_id = '\(other[1])' RETURNING 1", .refused),
            ] + Self.forbiddenToAll, as: centre, on: connection)
            // Instructor 0 sending results for TT01: not in TT01-B's class of instructor 6, nor
            // any class or roster write.
            let instructor = DatabaseScope.importing(as: try Self.account(fixture, "gv0"), center: "TT02")
            Self.attempt([
                ("INSERT INTO completions (class_id, national_id, result, completed_on, issued_by) VALUES (\(otherClass), '\(other[1])', 'pass', '2025-06-20', '\(Cascade.instructor(6))')", .refused),
                ("INSERT INTO classes (code, track, center_code, instructor_id) VALUES ('TT02-Y', 'instructor_to_learner', 'TT02', '\(Cascade.instructor(0))')", .refused),
                ("INSERT INTO enrolments (class_id, national_id, enrolled_on) VALUES (\(otherClass), '\(own[1])', '2025-06-01')", .refused),
            ], as: instructor, on: connection)
            let instructorAtOwnCentre = DatabaseScope.importing(as: try Self.account(fixture, "gv6"), center: "TT01")
            Self.attempt([
                ("INSERT INTO completions (class_id, national_id, result, completed_on, issued_by) VALUES (\(ownClass), '\(own[1])', 'pass', '2025-06-20', '\(Cascade.instructor(0))')", .refused),
            ], as: instructorAtOwnCentre, on: connection)
        }
    }

    @Test func anInstructorReachesOnlyTheirOwnClasses() async throws {
        try await Self.asTheServer { fixture, connection in
            let other = fixture.learners["TT02-B"]!
            Self.attempt([
                ("SELECT * FROM classes WHERE code <> 'TT01-A'", .noRows),
                ("SELECT * FROM enrolments e JOIN classes c ON c.id = e.class_id WHERE c.code = 'TT02-B'", .noRows),
                ("SELECT * FROM completions WHERE national_id = '\(other[0])'", .noRows),
                ("SELECT * FROM people WHERE national_id IN ('\(other.joined(separator: "','"))', '\(Cascade.expert(0))')", .noRows),
                ("SELECT * FROM certificates WHERE national_id = '\(other[0])'", .noRows),
                ("SELECT * FROM import_jobs WHERE account_id <> \(try Self.account(fixture, "gv0").id)", .noRows),
                ("SELECT * FROM import_batches", .refused),
                ("SELECT * FROM accounts", .refused),
                ("INSERT INTO completions (class_id, national_id, result, completed_on) SELECT id, '\(other[1])', 'pass', '2025-06-20' FROM classes WHERE code = 'TT02-B'", .refused),
                ("UPDATE people SET phone = NULL", .refused),
                ("INSERT INTO import_jobs (id, kind, center_code, account_id, file_name, size) VALUES (gen_random_uuid(), 'learners', 'TT01', \(try Self.account(fixture, "gv0").id), 'x.csv', 1)", .refused),
            ] + Self.forbiddenToAll, as: .acting(as: try Self.account(fixture, "gv0")), on: connection)
        }
    }

    /// An official reads counts; the public verifies through one function; neither reads a
    /// person, and neither writes anything.
    @Test func officialsAndThePublicReadNoPerson() async throws {
        try await Self.asTheServer { fixture, connection in
            let personal = ["people", "enrolments", "completions", "certificates", "classes", "accreditations", "revocations",
                            "participants", "audit_log", "accounts", "import_jobs"].map { ("SELECT * FROM \($0) LIMIT 1", Outcome.refused) }
            let writes: [(String, Outcome)] = [
                ("INSERT INTO report_events (target_group, dimension, key, day, delta) VALUES ('learner', 'total', '', '2025-01-01', 1000)", .refused),
                ("UPDATE import_batches SET accepted = 0", .refused),
                ("INSERT INTO training_centers (code, name, commune_code) VALUES ('TT99', 'X', (SELECT code FROM communes LIMIT 1))", .refused),
            ]
            Self.attempt(personal + writes + Self.forbiddenToAll, as: .acting(as: try Self.account(fixture, "official")), on: connection)
            Self.attempt(personal + writes + Self.forbiddenToAll + [
                ("SELECT * FROM report_events LIMIT 1", .refused),
                ("SELECT * FROM import_batches LIMIT 1", .refused),
                ("SELECT * FROM login_account('admin')", .refused),
            ], as: .anyone, on: connection)
            // The server's own role, before switching, holds nothing; the login role reads
            // credentials only through its functions.
            Self.attempt(personal + [("SELECT * FROM report_events LIMIT 1", .refused)], as: .signingIn, on: connection)
            do {
                let refused = #expect(throws: PostgresError.self) { try connection.execute(unsafeSQL: "SELECT * FROM people LIMIT 1") }
                #expect(refused?.state == .insufficientPrivilege)
            }
            // What the public may do: verify, masked.
            connection.transactionPrelude = DatabaseScope.anyone.prelude
            let code = try fixture.certificateCode()
            let holder = try connection.transaction {
                try $0.query("SELECT holder, holder_id FROM verify_certificate(\(code), current_date)").rows[0].decode((String, String).self)
            }
            #expect(!holder.0.contains("Trần Văn Học"))
            #expect(holder.1 != fixture.learners["TT01-A"]![0])
        }
    }

    /// Administrators do everything the grants allow, but never delete, truncate or change the schema.
    @Test func evenAnAdministratorCannotDeleteOrChangeTheSchema() async throws {
        try await Self.asTheServer { fixture, connection in
            Self.attempt(Self.forbiddenToAll + [
                ("DELETE FROM accounts", .refused),
                ("DELETE FROM sessions", .refused),
                ("UPDATE audit_log SET actor = 'x'", .refused),
            ], as: .acting(as: try Self.account(fixture, "admin")), on: connection)
        }
    }

    /// A definer's function runs with its owner's rights: none may be callable by everyone
    /// unless it is meant to be.
    @Test func noDefinerFunctionIsOpenToEveryone() throws {
        try TestDatabase.withDatabase { db, _ in
            let open = try db.query("""
                SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = 'public' AND p.prosecdef AND p.prorettype <> 'trigger'::regtype
                  AND has_function_privilege('public', p.oid, 'EXECUTE')
                ORDER BY 1
                """).rows.map { try $0.decode(String.self, at: 0) }
            #expect(open == [], "SECURITY DEFINER functions anyone may call: \(open)")
        }
    }
}
