import Foundation
import HocAI
import HocAITestSupport
import PostgresLibPQ
import Testing

/// Completion records and certificates: the cascade enforced, revocation kept, codes checked.
@Suite("Certificates")
struct CertificateTests {
    /// A register with the cascade, one class TT01-C1 taught by instructor 0 with three learners
    /// enrolled on 2025-06-01.
    func withClass(_ body: (PostgresConnection, CertificateService, [String]) throws -> Void) throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            try Cascade.prepare(db, fixtures: fixtures)
            let learners = ["019095000801", "019195000802", "019095000803"]
            let rows = [learnerHeader] + learners.enumerated().map { index, id in
                [["Hà Văn Một", "Hà Thị Hai", "Hà Văn Ba"][index], id, "01/01/1995", index == 1 ? "Nữ" : "Nam", "", "Đại Từ",
                 "TT01-C1", Cascade.instructor(0), "01/06/2025", "", "", ""]
            }
            let summary = try importRoster(db, try fixtures.write("c.csv", Fixtures.csv(rows)), kind: .learners)
            #expect(summary.rejected == 0, "\(summary.rejects)")
            try body(db, CertificateService(connection: db, logger: TestDatabase.logger), learners)
        }
    }

    func refusal(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as HocAIError {
            return error.reason ?? "\(error.code)"
        } catch {
            return "\(error)"
        }
    }

    let june20 = CalendarDate(year: 2025, month: 6, day: 20)!

    @Test func aPassIsACertificateAFailIsNotAndRecordingTwiceChangesNothing() throws {
        try withClass { db, service, learners in
            let fail = try service.certify(nationalID: learners[0], classCode: "TT01-C1", result: .fail, date: june20)
            #expect(fail == CertifyOutcome(status: .recorded, code: nil))
            let pass = try service.certify(nationalID: learners[0], classCode: "TT01-C1", result: .pass, score: 8.5, date: june20.adding(days: 5))
            #expect(pass.status == .issued)
            let code = try #require(pass.code)
            let again = try service.certify(nationalID: learners[0], classCode: "TT01-C1", result: .pass, score: 8.5, date: june20.adding(days: 5))
            #expect(again == CertifyOutcome(status: .unchanged, code: code))
            #expect(try count(db, "completions") == 2)
            // The certificate counts from the pass.
            #expect(try db.query("SELECT issued_on FROM certificates WHERE code = \(code.value)").scalar(CalendarDate.self) == june20.adding(days: 5))
            let record = try service.lookup(code.grouped.lowercased())
            #expect(record.holderName == "Hà V. M.")
            #expect(record.holderID == "019*******01")
            #expect(record.track == .learner)
            #expect(record.centerCode == "TT01")
            #expect(record.isValid)
        }
    }

    @Test func onePassingCertificatePerPersonAndTrack() throws {
        try withClass { db, service, learners in
            let first = try service.certify(nationalID: learners[1], classCode: "TT01-C1", result: .pass, date: june20)
            // A second class, taught by another instructor, passes the same person again.
            try db.query("INSERT INTO classes (code, track, center_code, instructor_id) VALUES ('TT01-C2', 'instructor_to_learner', 'TT01', \(Cascade.instructor(1)))")
            try db.query("INSERT INTO enrolments (class_id, national_id) SELECT id, \(learners[1]) FROM classes WHERE code = 'TT01-C2'")
            let second = try service.certify(nationalID: learners[1], classCode: "TT01-C2", result: .pass, date: june20.adding(days: 3))
            #expect(second.status == .alreadyCertified)
            #expect(second.code == first.code)
            #expect(try db.query("SELECT count(*) FROM certificates WHERE national_id = \(learners[1])").scalar(Int.self) == 1)
        }
    }

    @Test func theCascadesRulesRefuseWithReasons() throws {
        try withClass { db, service, learners in
            let outsider = "019090000899"
            // Not enrolled.
            #expect(refusal { _ = try service.certify(nationalID: outsider, classCode: "TT01-C1", result: .pass, date: june20) }
                    == "completion.unknown_person")
            try db.query("""
                INSERT INTO people (national_id, full_name, name_key, date_of_birth, sex, commune_code)
                VALUES (\(outsider), 'Ngoài Lớp', 'ngoài lớp', '1990-01-01', 'M', '05830')
                """)
            #expect(refusal { _ = try service.certify(nationalID: outsider, classCode: "TT01-C1", result: .pass, date: june20) }
                    == "completion.not_enrolled")
            // In the future.
            #expect(refusal { _ = try service.certify(nationalID: learners[0], classCode: "TT01-C1", result: .pass, date: CalendarDate(year: 2099, month: 1, day: 1)!) }
                    == "date.future")
            // Before the enrolment (2025-06-01).
            #expect(refusal { _ = try service.certify(nationalID: learners[0], classCode: "TT01-C1", result: .pass, date: CalendarDate(year: 2025, month: 5, day: 30)!) }
                    == "completion.before_enrolment")
            // Another centre's class.
            #expect(refusal { _ = try service.certify(nationalID: learners[0], classCode: "TT01-C1", result: .pass, date: june20, centerCode: "TT02") }
                    == "class.other_center")
            // An issuer with no certification at all: a learner.
            #expect(refusal { _ = try service.certify(nationalID: learners[0], classCode: "TT01-C1", result: .pass, date: june20, issuedBy: learners[2]) }
                    == "completion.issuer_not_certified")
            // Before the issuer's own certification: instructors of the sample are certified from 2025-04-01.
            let early = CalendarDate(year: 2025, month: 3, day: 1)!
            try db.query("UPDATE enrolments SET enrolled_on = '2025-02-01' WHERE national_id = \(learners[0])")
            #expect(refusal { _ = try service.certify(nationalID: learners[0], classCode: "TT01-C1", result: .pass, date: early) }
                    == "completion.before_issuer_certified")
            // An issuer whose certification was revoked before the date.
            let instructorCode = try db.query("SELECT code FROM certificates WHERE national_id = \(Cascade.instructor(0)) AND track = 'instructor'").scalar(String.self)
            try service.revoke(instructorCode, reason: "Không đủ điều kiện", on: CalendarDate(year: 2025, month: 6, day: 10)!)
            #expect(refusal { _ = try service.certify(nationalID: learners[0], classCode: "TT01-C1", result: .pass, date: june20) }
                    == "completion.issuer_not_certified")
            // ...but before the revocation it was valid.
            let before = try service.certify(nationalID: learners[0], classCode: "TT01-C1", result: .pass, date: CalendarDate(year: 2025, month: 6, day: 9)!)
            #expect(before.status == .issued)
            #expect(try count(db, "completions") == 1)
        }
    }

    @Test func revokingKeepsTheRecordAndVerifySaysSo() throws {
        try withClass { db, service, learners in
            let code = try #require(try service.certify(nationalID: learners[2], classCode: "TT01-C1", result: .pass, date: june20).code)
            let revoked = try service.revoke(code.grouped, reason: "  Cấp nhầm   người ", on: june20.adding(days: 30)).revoked
            #expect(!revoked.isValid)
            #expect(revoked.revocationReason == "Cấp nhầm người")
            #expect(revoked.revokedOn == june20.adding(days: 30))
            #expect(try db.query("SELECT revoked_by FROM revocations").scalar(String.self).isEmpty == false)
            #expect(try count(db, "certificates") > 0)
            #expect(throws: HocAIError.self) { try service.revoke(code.value, reason: "again") }
            let error = #expect(throws: PostgresError.self) { try db.query("DELETE FROM revocations") }
            #expect(error?.state == .insufficientPrivilege)
            // Revoking an instructor does not revoke what they issued, but it is listed from that date on.
            let instructorCode = try db.query("SELECT code FROM certificates WHERE national_id = \(Cascade.instructor(0)) AND track = 'instructor'").scalar(String.self)
            try service.revoke(instructorCode, reason: "Vi phạm", on: june20)
            #expect(try service.lookup(code.value).revokedOn != nil)
            let after = try service.issuedAfterRevocation()
            #expect(after.count == 1)
            #expect(after.first?.issued == [code])
        }
    }

    @Test func aMistypedCodeIsToldApartFromAnUnknownOne() throws {
        try withClass { _, service, learners in
            let code = try #require(try service.certify(nationalID: learners[0], classCode: "TT01-C1", result: .pass, date: june20).code)
            var characters = Array(code.value)
            characters[4] = characters[4] == "A" ? "B" : "A"
            let mistyped = #expect(throws: HocAIError.self) { try service.lookup(String(characters)) }
            #expect(mistyped?.code == .certificateMistyped)
            var generator = SeededGenerator(seed: 99)
            let unknown = #expect(throws: HocAIError.self) { try service.lookup(CertificateCode.random(using: &generator).value) }
            #expect(unknown?.code == .certificateUnknown)
            let junk = #expect(throws: HocAIError.self) { try service.lookup("hello") }
            #expect(junk?.code == .certificateMalformed)
        }
    }

    @Test func aCredentialVerifiesOfflineAndFailsWhenAlteredByOneByte() throws {
        try withClass { _, service, learners in
            let code = try #require(try service.certify(nationalID: learners[0], classCode: "TT01-C1", result: .pass, date: june20).code)
            let keys = SigningKeySet.generate()
            let jwt = try service.credential(code.value, keys: keys, baseURL: "https://hocai.thainguyen.gov.vn")
            #expect(!jwt.contains(learners[0]))
            let parts = jwt.split(separator: ".")
            #expect(parts.count == 3)
            let payload = try #require(Data(base64Encoded: String(parts[1]).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/").padding(toLength: ((parts[1].count + 3) / 4) * 4, withPad: "=", startingAt: 0)))
            let text = String(decoding: payload, as: UTF8.self)
            #expect(!text.contains(learners[0]))
            #expect(text.contains("OpenBadgeCredential"))
            #expect(text.contains("\"identityHash\":\"hmac-sha256$"))
            #expect(!text.contains("\"salt\""))
            #expect(text.contains("\"validFrom\":\"2025-06-20T00:00:00+07:00\""))
            let header = String(decoding: Data(base64Encoded: String(parts[0]) + "==")!, as: UTF8.self)
            #expect(header.contains("\"alg\":\"EdDSA\""))

            let verified = try Credential.verify(jwt, keys: keys.publicKeys)
            #expect(verified.achievement == "Bình dân học AI")
            #expect(verified.track == "learner")
            // Any byte altered, in header, payload or signature, fails.
            var bytes = Array(jwt.utf8)
            for index in [5, bytes.count / 2, bytes.count - 3] {
                let original = bytes[index]
                bytes[index] = original == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
                #expect(throws: HocAIError.self) { try Credential.verify(String(decoding: bytes, as: UTF8.self), keys: keys.publicKeys) }
                bytes[index] = original
            }
            // Another key does not verify it.
            #expect(throws: HocAIError.self) { try Credential.verify(jwt, keys: SigningKeySet.generate().publicKeys) }
        }
    }

    @Test func resultsImportInBulkThroughTheSameRules() throws {
        try withClass { db, _, learners in
            try withFixtures { fixtures in
                let rows = [["Số CCCD", "Mã lớp", "Ngày hoàn thành", "Kết quả", "Điểm"],
                            [learners[0], "TT01-C1", "20/06/2025", "Đạt", "9"],
                            [learners[1], "TT01-C1", "20/06/2025", "Không đạt", "4"],
                            [learners[2], "TT01-C1", "20/05/2025", "Đạt", "7"],
                            ["019090000899", "TT01-C1", "20/06/2025", "Đạt", ""],
                            [learners[0], "TT01-NOPE", "20/06/2025", "Đạt", ""]]
                let url = try fixtures.write("results.csv", Fixtures.csv(rows, delimiter: ";"))
                let summary = try importRoster(db, url, kind: .completions)
                #expect(Dictionary(grouping: summary.rejects, by: \.line).mapValues { $0.map(\.code) } == [
                    4: ["completion.before_enrolment"], 5: ["completion.unknown_person"], 6: ["completion.unknown_class"],
                ])
                #expect(summary.inserted == 2)
                let again = try importRoster(db, url, kind: .completions) { $0.force = true }
                #expect(again.inserted == 0)
                #expect(try db.query("SELECT count(*) FROM certificates WHERE track = 'learner'").scalar(Int.self) == 1)
            }
        }
    }

    /// The database masks a holder's name (`masked_name`, inlined since sql/015) as the command
    /// line does (`PersonName.masked`): the family name whole, the other names as initials.
    @Test func theDatabaseMasksANameAsTheCommandLineDoes() throws {
        try TestDatabase.withDatabase { db, _ in
            for name in ["An", "Nguyễn Văn An", "Lê Thị Hòa", "Đỗ Ngọc Ánh Dương", "Ma Seo Chứ", "Nông Thị Ư", "O'Brien"] {
                let masked = try db.query("SELECT masked_name(\(name))").scalar(String.self)
                #expect(masked == PersonName(validated: name).masked, "\(name)")
            }
            #expect(try db.query("SELECT masked_name(NULL) IS NULL").scalar(Bool.self))
        }
    }
}
