import Foundation
import HocAI
import HocAITestSupport
import PostgresLibPQ
import Testing

@Suite("Reference data seeded by the migrations")
struct ReferenceDataTests {
    /// Rows of a shipped CSV (no quoted fields in these files), header dropped.
    func csvRows(_ name: String) throws -> [[String]] {
        let text = try String(contentsOf: TestDatabase.sqlDirectory.appendingPathComponent("data/\(name)"), encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",").map(String.init) }
    }

    @Test func theCommunesAreExactlyTheOfficial92() throws {
        try TestDatabase.withDatabase { db, _ in
            let stored = try db.query("SELECT code, name, kind FROM communes ORDER BY position").rows.map {
                try $0.decode((String, String, String).self)
            }
            let shipped = try csvRows("thai-nguyen-communes-2025.csv")
            #expect(stored.count == 92)
            #expect(stored.filter { $0.2 == "phuong" }.count == 15)
            #expect(stored.filter { $0.2 == "xa" }.count == 77)
            #expect(stored.map { [$0.0, $0.1, $0.2] } == shipped)
            #expect(stored.allSatisfy { $0.0.count == 5 && $0.1 == $0.1.precomposedStringWithCanonicalMapping })
        }
    }

    /// The province codes are written in four places: the shipped CSV, the `cccd_provinces`
    /// table, the `national_id` domain's check and Swift's `NationalID.provinceCodes`. Each is
    /// compared with the others; the domain by what it accepts, not by its text.
    @Test func theProvinceCodesAreTheSameInTheCSVTheTableTheDomainAndSwift() throws {
        try TestDatabase.withDatabase { db, _ in
            let shipped = Set(try csvRows("cccd-province-codes.csv").map { $0[0] })
            #expect(shipped.count == 63)
            let table = Set(try db.query("SELECT code FROM cccd_provinces").rows.map { try $0.decode(String.self, at: 0) })
            try db.execute(unsafeSQL: """
                CREATE FUNCTION pg_temp.accepts(value text) RETURNS boolean LANGUAGE plpgsql AS $$
                BEGIN PERFORM value::national_id; RETURN true; EXCEPTION WHEN check_violation THEN RETURN false; END $$
                """)
            let domain = Set(try db.query("""
                SELECT lpad(n::text, 3, '0') FROM generate_series(0, 999) AS n
                WHERE pg_temp.accepts(lpad(n::text, 3, '0') || '203000123')
                """).rows.map { try $0.decode(String.self, at: 0) })
            #expect(table == shipped)
            #expect(domain == shipped)
            #expect(NationalID.provinceCodes == shipped)
            for bad in ["003203000123", "000203000123", "01920300012", "0192030001234", "01920300012a", "019203000 12",
                        "01920300012\u{0663}", "01920300012\u{FF13}", "019203000123\n", "", "019-03000123"] {
                let error = #expect(throws: PostgresError.self) { try db.query("SELECT (\(bad))::national_id") }
                #expect(error?.isCheckViolation == true, "\(bad)")
            }
        }
    }

    /// The commune codes: the shipped CSV, the `communes` table and the `commune_code` domain's
    /// list (Swift has no list of its own: it reads the CSV or the table). The domain's list is
    /// read from its definition and checked by what it accepts.
    @Test func theCommuneCodesAreTheSameInTheCSVTheTableAndTheDomain() throws {
        try TestDatabase.withDatabase { db, _ in
            let shipped = Set(try csvRows("thai-nguyen-communes-2025.csv").map { $0[0] })
            let table = Set(try db.query("SELECT code FROM communes").rows.map { try $0.decode(String.self, at: 0) })
            let definition = try db.query("""
                SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'commune_code_official'
                """).scalar(String.self)
            let listed = Set(definition.matches(of: /'([0-9]{5})'::text/).map { String($0.1) })
            #expect(shipped.count == 92)
            #expect(table == shipped)
            #expect(listed == shipped)
            for code in shipped.sorted() {
                #expect(try db.query("SELECT (\(code))::commune_code").scalar(String.self) == code)
            }
            for bad in ["05444", "5443", "005443", "", "0544 3"] {
                let error = #expect(throws: PostgresError.self) { try db.query("SELECT (\(bad))::commune_code") }
                #expect(error?.isCheckViolation == true, "\(bad)")
            }
        }
    }

    @Test func theTargetsAreData() throws {
        try TestDatabase.withDatabase { db, _ in
            let targets = try db.query("SELECT target_group, value, deadline::text FROM targets ORDER BY value").rows.map {
                try $0.decode((String, Int, String).self)
            }
            #expect(targets.map(\.0) == ["experts", "instructors", "learners"])
            #expect(targets.map(\.1) == [30, 3000, 500_000])
            #expect(Set(targets.map(\.2)) == ["2025-12-31"])
        }
    }
}

@Suite("Constraints the database keeps")
struct SchemaConstraintTests {
    func insertPerson(_ db: PostgresConnection, id: String, name: String = "Nguyễn Văn An", born: String, sex: String,
                      phone: String? = nil) throws {
        try db.query("""
            INSERT INTO people (national_id, full_name, name_key, date_of_birth, sex, phone, commune_code)
            VALUES (\(id), \(name), \(name), \(born)::date, \(sex), \(phone), '05443')
            """)
    }

    @Test func aPersonsIDMustAgreeWithBirthAndSex() throws {
        try TestDatabase.withDatabase { db, _ in
            try insertPerson(db, id: "019090000123", born: "1990-05-01", sex: "M")
            try insertPerson(db, id: "006185000124", born: "1985-01-31", sex: "F")
            try insertPerson(db, id: "019203000125", born: "2003-12-01", sex: "M")
            for (id, born, sex) in [
                ("019190000126", "1990-05-01", "M"),  // digit 4 says female
                ("019290000127", "1990-05-01", "M"),  // digit 4 says 2000s
                ("019091000128", "1990-05-01", "M"),  // digits 5-6 say 1991
            ] {
                let error = #expect(throws: PostgresError.self) { try insertPerson(db, id: id, born: born, sex: sex) }
                #expect(error?.constraint == "people_national_id_matches_birth_and_sex")
            }
        }
    }

    @Test func namesMustBeCleanNFCAndPhonesE164() throws {
        try TestDatabase.withDatabase { db, _ in
            let nfd = "Nguyễn Văn An".decomposedStringWithCanonicalMapping
            for name in [nfd, " Lê Văn B", "Lê  Văn B", "=HYPERLINK(1)", "Trần 3"] {
                let error = #expect(throws: PostgresError.self) {
                    try insertPerson(db, id: "019090000123", name: name, born: "1990-05-01", sex: "M")
                }
                #expect(error?.constraint == "people_full_name_clean")
            }
            for phone in ["0912345678", "+8491234567", "+849123456789", "+84212345678", "+85912345678", "+8491234567a",
                          "+8491234 678", "+84912345678\n", "+84９12345678", "84+912345678"] {
                let error = #expect(throws: PostgresError.self) {
                    try insertPerson(db, id: "019090000123", born: "1990-05-01", sex: "M", phone: phone)
                }
                #expect(error?.constraint == "people_phone_e164", "\(phone)")
            }
            try insertPerson(db, id: "019090000123", born: "1990-05-01", sex: "M", phone: "+84912345678")
            try insertPerson(db, id: "019090000124", born: "1990-05-01", sex: "M", phone: "+84312345678")
        }
    }

    @Test func theAuditLogAndRevocationsAreAppendOnly() throws {
        try TestDatabase.withDatabase { db, _ in
            try db.query("INSERT INTO audit_log (action, subject) VALUES ('test', 'x')")
            for statement in ["UPDATE audit_log SET action = 'changed'", "DELETE FROM audit_log", "TRUNCATE audit_log"] {
                let error = #expect(throws: PostgresError.self) { try db.execute(unsafeSQL: statement) }
                #expect(error?.state == .insufficientPrivilege, "\(statement)")
            }
            #expect(try db.query("SELECT count(*) FROM audit_log").scalar(Int.self) == 1)
        }
    }

    /// The hot tables' references are checked per statement (sql/004), for any client.
    @Test func theHotTablesReferencesHoldForEveryStatementAndTheirParentsAreKept() throws {
        try TestDatabase.withDatabase { db, _ in
            try insertPerson(db, id: "019090000123", born: "1990-05-01", sex: "M")
            try insertPerson(db, id: "019185000124", name: "Lê Thị Hoa", born: "1985-01-31", sex: "F")
            try db.execute(unsafeSQL: """
                INSERT INTO training_centers (code, name, commune_code) VALUES ('TT01', 'Trung tâm', '05443');
                INSERT INTO classes (code, track, center_code, instructor_id) VALUES ('L1', 'instructor_to_learner', 'TT01', '019090000123');
                """)
            let classID = try db.query("SELECT id FROM classes").scalar(Int.self)
            let missingPerson = "019088000777"
            func violation(_ sql: PostgresQuery) -> PostgresError? {
                #expect(throws: PostgresError.self) { try db.query(sql) }
            }
            // Orphans, alone or beside a good row, are refused whole.
            var error = violation("INSERT INTO enrolments (class_id, national_id) VALUES (\(classID + 1), '019185000124')")
            #expect(error?.state == .foreignKeyViolation)
            #expect(error?.constraint == "enrolments_class_id_fkey")
            error = violation("""
                INSERT INTO enrolments (class_id, national_id) VALUES (\(classID), '019185000124'), (\(classID), \(missingPerson))
                """)
            #expect(error?.constraint == "enrolments_national_id_fkey")
            #expect(try db.query("SELECT count(*) FROM enrolments").scalar(Int.self) == 0)
            error = violation("""
                INSERT INTO certificates (code, national_id, track, issued_on, issued_by, class_id)
                VALUES ('0000000000A0', \(missingPerson), 'learner', '2025-05-01', '019090000123', \(classID))
                """)
            #expect(error?.constraint == "certificates_national_id_fkey")
            error = violation("""
                INSERT INTO completions (class_id, national_id, result, completed_on, issued_by)
                VALUES (\(classID), '019185000124', 'fail', '2025-05-01', '019090000123')
                """)
            #expect(error?.constraint == "completions_class_id_national_id_fkey")

            // The same rows with their parents present go in.
            try db.query("INSERT INTO enrolments (class_id, national_id) VALUES (\(classID), '019185000124')")
            try db.query("""
                INSERT INTO completions (class_id, national_id, result, completed_on, issued_by)
                VALUES (\(classID), '019185000124', 'fail', '2025-05-01', '019090000123')
                """)
            // A completion record is evidence: it is never changed (sql/009), so it cannot be
            // pointed at a missing issuer either.
            error = violation("UPDATE completions SET issued_by = \(missingPerson)")
            #expect(error?.state == .insufficientPrivilege)
            try db.query("UPDATE enrolments SET enrolled_on = '2025-04-01'")

            // Parents are never deleted or re-keyed, so a row found once stays found.
            for statement in [
                "DELETE FROM people WHERE national_id = '019185000124'", "DELETE FROM enrolments", "TRUNCATE enrolments",
                "DELETE FROM classes", "UPDATE people SET national_id = '019090000125' WHERE national_id = '019090000123'",
                "UPDATE enrolments SET national_id = '019090000123'",
            ] {
                let error = #expect(throws: PostgresError.self) { try db.execute(unsafeSQL: statement) }
                #expect(error?.state == .insufficientPrivilege, "\(statement)")
            }
            try db.query("UPDATE people SET phone = '+84912345678' WHERE national_id = '019185000124'")
            #expect(try db.query("SELECT count(*) FROM completions").scalar(Int.self) == 1)

            // Certificate codes: twelve characters of Crockford's base 32.
            func certificate(_ code: String) throws {
                try db.query("""
                    INSERT INTO certificates (code, national_id, track, issued_on, issued_by, class_id)
                    VALUES (\(code), '019185000124', 'learner', '2025-05-01', '019090000123', \(classID))
                    """)
            }
            for bad in ["0000000000I0", "0000000000L0", "0000000000O0", "0000000000U0", "0000000000a0", "0000000000A",
                        "0000000000A00", "00000000 00A0", "0000000000\u{0391}0", ""] {
                let error = #expect(throws: PostgresError.self) { try certificate(bad) }
                #expect(error?.constraint == "certificates_code_format", "\(bad)")
            }
            try certificate("7KQ2M9XD4PT8")

            // A temporary table named like a parent does not stand in for it: the check looks in
            // the child's own schema, not along the session's search_path (where pg_temp comes
            // first). Last in this test, since `people` now names the temporary table here.
            try db.execute(unsafeSQL: "CREATE TEMP TABLE people (national_id text); INSERT INTO pg_temp.people VALUES ('019088000777')")
            error = violation("INSERT INTO enrolments (class_id, national_id) VALUES (\(classID), \(missingPerson))")
            #expect(error?.constraint == "enrolments_national_id_fkey")
        }
    }
}
