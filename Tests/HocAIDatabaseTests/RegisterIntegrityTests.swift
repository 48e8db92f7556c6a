import Foundation
import HocAI
import HocAITestSupport
import PostgresLibPQ
import Testing

/// What the database itself refuses, whoever asks: a certificate rewritten, evidence or a log
/// changed, names and reasons that could fool a terminal (issue: faults and privacy, §5, §6).
@Suite("Register integrity")
struct RegisterIntegrityTests {
    func withCertificate(_ body: (PostgresConnection, String) throws -> Void) throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            try Cascade.prepare(db, fixtures: fixtures)
            let rows = [learnerHeader, ["Hà Văn Một", "019095000801", "01/01/1995", "Nam", "", "Đại Từ", "TT01-C1",
                                        Cascade.instructor(0), "01/06/2025", "20/06/2025", "Đạt", "9"]]
            _ = try importRoster(db, try fixtures.write("c.csv", Fixtures.csv(rows)), kind: .learners)
            try body(db, try db.query("SELECT code FROM certificates WHERE track = 'learner'").scalar(String.self))
        }
    }

    func refused(_ db: PostgresConnection, _ sql: String) -> SQLState? {
        do {
            try db.execute(unsafeSQL: sql)
            return nil
        } catch let error as PostgresError {
            return error.state ?? SQLState(rawValue: "\(error)")
        } catch {
            return SQLState(rawValue: "\(error)")
        }
    }

    @Test func noColumnOfAWrittenCertificateCanBeChanged() throws {
        try withCertificate { db, code in
            let forged = [
                "national_id = '019190000123'", "track = 'instructor'", "issued_on = '2020-01-01'",
                "issued_by = '\(Cascade.instructor(1))'", "class_id = NULL", "center_code = 'TT02'", "batch_id = 0",
                "created_at = now() - interval '1 year'", "code = '7KQ2M9XD4PT8'",
                // Revoked without a revocation: no.
                "revoked = true",
            ]
            for change in forged {
                #expect(refused(db, "UPDATE certificates SET \(change) WHERE code = '\(code)'") == .insufficientPrivilege, "\(change)")
            }
            #expect(refused(db, "DELETE FROM certificates") == .insufficientPrivilege)
            #expect(refused(db, "TRUNCATE certificates CASCADE") == .insufficientPrivilege)
            // A revocation is the one change, and it cannot be undone.
            try CertificateService(connection: db, logger: TestDatabase.logger).revoke(code, reason: "Kiểm tra")
            #expect(try db.query("SELECT revoked FROM certificates WHERE code = \(code)").scalar(Bool.self))
            #expect(refused(db, "UPDATE certificates SET revoked = false WHERE code = '\(code)'") == .insufficientPrivilege)
            #expect(try db.query("SELECT count(*) FROM certificates WHERE issued_on = '2025-06-20'").scalar(Int.self) == 1)
        }
    }

    @Test func appendOnlyTablesRefuseUpdateDeleteAndTruncate() throws {
        try withCertificate { db, code in
            try CertificateService(connection: db, logger: TestDatabase.logger).revoke(code, reason: "Kiểm tra")
            for table in ["audit_log", "revocations", "completions", "accreditations", "import_batches"] {
                let column = ["audit_log": "action = 'x'", "revocations": "reason = 'x'", "completions": "score = 1",
                              "accreditations": "certified_on = '2020-01-01'", "import_batches": "accepted = 0"][table]!
                #expect(refused(db, "UPDATE \(table) SET \(column)") == .insufficientPrivilege, "UPDATE \(table)")
                #expect(refused(db, "DELETE FROM \(table)") == .insufficientPrivilege, "DELETE \(table)")
                #expect(refused(db, "TRUNCATE \(table) CASCADE") == .insufficientPrivilege, "TRUNCATE \(table)")
            }
        }
    }

    @Test func namesCentreNamesAndReasonsHaveALimitAndNoControlOrDirectionCharacters() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            // The importer returns such names, with their codes.
            let long = String(repeating: "Nguyễn ", count: 20) + "An"
            let rows = [expertHeader,
                        [long, "019085000301", "01/02/1985", "Nam", "", "Đại Từ", "15/03/2025"],
                        ["Nguyễn\u{202E}nA nǎV", "019085000302", "01/02/1985", "Nam", "", "Đại Từ", "15/03/2025"],
                        ["Nguyễn Văn\u{200B}An", "019085000303", "01/02/1985", "Nam", "", "Đại Từ", "15/03/2025"],
                        ["Nguyễn \u{1B}]8;;http://x\u{07}An", "019085000304", "01/02/1985", "Nam", "", "Đại Từ", "15/03/2025"]]
            let summary = try importRoster(db, try fixtures.write("n.csv", Fixtures.csv(rows)), kind: .experts)
            #expect(summary.rejects.map(\.code) == ["full_name.too_long", "full_name.invalid_characters",
                                                    "full_name.invalid_characters", "full_name.invalid_characters"])
            // The database refuses them from any client.
            for name in [long, "An\u{202E}nA", "An\u{2066}B", "An\u{FEFF}B"] {
                #expect(refused(db, """
                    INSERT INTO people (national_id, full_name, name_key, date_of_birth, sex, commune_code)
                    VALUES ('019085000399', '\(name)', 'x', '1985-01-01', 'M', '05443')
                    """) == .checkViolation, "\(name.unicodeScalars.map { String($0.value, radix: 16) })")
            }
            let centers = CenterService(connection: db, logger: TestDatabase.logger)
            for name in [String(repeating: "Trung tâm ", count: 30), "Trung tâm\u{1B}[2J", "Trung tâm \u{202E}XX"] {
                let error = #expect(throws: HocAIError.self) { try centers.add(code: "TT09", name: name, commune: "Đại Từ") }
                #expect(error?.code == .invalidCenterName)
                #expect(refused(db, "INSERT INTO training_centers (code, name, commune_code) VALUES ('TT09', '\(name)', '05443')") == .checkViolation)
            }
        }
    }

    @Test func revocationReasonsAreCheckedToo() throws {
        try withCertificate { (db: PostgresConnection, code: String) throws in
            let service = CertificateService(connection: db, logger: TestDatabase.logger)
            for reason in ["Lý do\u{1B}[31m", String(repeating: "x", count: 501), "Lý do \u{202E}"] {
                let error = #expect(throws: HocAIError.self) { _ = try service.revoke(code, reason: reason) }
                #expect(error?.code == .invalidArgument)
            }
            #expect(try db.query("SELECT count(*) FROM revocations").scalar(Int.self) == 0)
        }
    }
}
