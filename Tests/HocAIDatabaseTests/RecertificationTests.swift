import Foundation
import HocAI
import HocAITestSupport
import PostgresLibPQ
import Testing

/// A revocation voids what it concerns and nothing more: a learner can be certified again, and a
/// genuine pass elsewhere keeps them counted (issue: the register's truth, §2).
@Suite("Revocation and certifying again")
struct RecertificationTests {
    /// A learner enrolled in a class of each centre (TT01-C1, TT01-C2 and TT02-D1, taught by
    /// instructors 0, 1 and 6) on 2025-06-01.
    func withLearner(_ body: (PostgresConnection, String, String) throws -> Void) throws {
        try withDatabaseAndFixtures { db, name, fixtures in
            try Cascade.prepare(db, fixtures: fixtures)
            let person = ["Hà Văn Một", learner, "01/01/1995", "Nam", "", "Đại Từ"]
            for (center, classCode, instructor) in [("TT01", "TT01-C1", 0), ("TT01", "TT01-C2", 1), ("TT02", "TT02-D1", 6)] {
                let rows = [learnerHeader, person + [classCode, Cascade.instructor(instructor), "01/06/2025", "", "", ""]]
                let summary = try importRoster(db, try fixtures.write("\(classCode).csv", Fixtures.csv(rows)), kind: .learners, center: center)
                #expect(summary.rejected == 0, "\(summary.rejects.map(\.code))")
            }
            try body(db, name, try TestDatabase.databaseURL(for: name))
        }
    }

    let learner = "019095000801"

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func learnersCounted(_ url: String, asOf date: String) throws -> Int {
        let run = try HocAIProcess.run(["report", "--as-of", date, "--format", "json"], databaseURL: url)
        #expect(run.status == 0, "\(run.stderr)")
        let targets = try #require(try json(run.stdout)["targets"] as? [[String: Any]])
        return try #require(targets.first { $0["group"] as? String == "learners" }?["achieved"] as? Int)
    }

    @Test func certifiedRevokedAndCertifiedAgainInALaterClassThroughHocai() throws {
        try withLearner { db, _, url in
            let first = try HocAIProcess.run(["certify", "--national-id", learner, "--class", "TT01-C1", "--result", "pass",
                                              "--date", "2025-07-10", "--format", "json"], databaseURL: url)
            #expect(first.status == 0, "\(first.stderr)")
            let oldCode = try #require(try json(first.stdout)["code"] as? String)
            let revoked = try HocAIProcess.run(["revoke", oldCode, "--reason", "Cấp nhầm", "--lang", "en"], databaseURL: url)
            #expect(revoked.status == 0, "\(revoked.stderr)")
            #expect(!revoked.stdout.contains("new certificate"), "no other valid pass: nothing is issued")
            let today = CalendarDate.today()

            // The learner retakes the course in a later class: a new certificate, a new code.
            let again = try HocAIProcess.run(["certify", "--national-id", learner, "--class", "TT01-C2", "--result", "pass",
                                              "--date", today.description, "--format", "json"], databaseURL: url)
            #expect(again.status == 0, "\(again.stderr)")
            let outcome = try json(again.stdout)
            #expect(outcome["status"] as? String == "issued")
            let newCode = try #require(outcome["code"] as? String)
            #expect(newCode != oldCode)

            // The old code still verifies as revoked, with its date and reason; the new one is valid.
            let old = try HocAIProcess.run(["verify", oldCode, "--format", "json"], databaseURL: url)
            #expect(old.status == 1)
            let oldRecord = try json(old.stdout)
            #expect(oldRecord["status"] as? String == "revoked")
            #expect(oldRecord["revoked_on"] as? String == today.description)
            #expect(oldRecord["revocation_reason"] as? String == "Cấp nhầm")
            let new = try HocAIProcess.run(["verify", newCode, "--format", "json"], databaseURL: url)
            #expect(new.status == 0)
            let newRecord = try json(new.stdout)
            #expect(newRecord["status"] as? String == "valid")
            #expect(newRecord["issued_on"] as? String == today.description)
            #expect(newRecord["first_passed_on"] as? String == today.description)
            #expect(try db.query("SELECT count(*) FROM certificates WHERE national_id = \(learner) AND NOT revoked").scalar(Int.self) == 1)

            // Counted before the revocation, and again from the new pass.
            #expect(try learnersCounted(url, asOf: "2025-07-09") == 0)
            #expect(try learnersCounted(url, asOf: "2025-12-31") == 1)
            #expect(try learnersCounted(url, asOf: today.description) == 1)
        }
    }

    @Test func anotherCentresEarlierGenuinePassKeepsThePersonCountedThroughHocai() throws {
        try withLearner { db, _, url in
            let first = try HocAIProcess.run(["certify", "--national-id", learner, "--class", "TT01-C1", "--result", "pass",
                                              "--date", "2025-07-10", "--format", "json"], databaseURL: url)
            let code = try #require(try json(first.stdout)["code"] as? String)
            // TT02's result arrives later but is dated earlier: the same certificate covers it,
            // and the person counts from the earlier pass.
            let second = try HocAIProcess.run(["certify", "--national-id", learner, "--class", "TT02-D1", "--result", "pass",
                                               "--date", "2025-06-20", "--format", "json"], databaseURL: url)
            let outcome = try json(second.stdout)
            #expect(outcome["status"] as? String == "already_certified")
            #expect(outcome["code"] as? String == code)
            #expect(try learnersCounted(url, asOf: "2025-06-30") == 1)
            let firstPassed = try json(try HocAIProcess.run(["verify", code, "--format", "json"], databaseURL: url).stdout)
            #expect(firstPassed["first_passed_on"] as? String == "2025-06-20")
            #expect(firstPassed["issued_on"] as? String == "2025-07-10")

            // TT01's pass was wrong: revoking its certificate voids that pass only.
            let revoked = try HocAIProcess.run(["revoke", code, "--reason", "Sai lớp", "--lang", "en"], databaseURL: url)
            #expect(revoked.status == 0, "\(revoked.stderr)")
            let reissued = try db.query("""
                SELECT code FROM certificates WHERE national_id = \(learner) AND track = 'learner' AND NOT revoked
                """).scalar(String.self)
            let grouped = try CertificateCode.parse(reissued).get().grouped
            #expect(revoked.stdout.contains("new certificate \(grouped)"))
            let record = try json(try HocAIProcess.run(["verify", reissued, "--format", "json"], databaseURL: url).stdout)
            #expect(record["status"] as? String == "valid")
            #expect(record["class"] as? String == "TT02-D1")
            #expect(record["first_passed_on"] as? String == "2025-06-20")
            // Still counted, today and on every earlier date.
            for date in ["2025-06-30", "2025-12-31", CalendarDate.today().description] {
                #expect(try learnersCounted(url, asOf: date) == 1, "\(date)")
            }
            #expect(try db.query("SELECT count(*) FROM certificates WHERE national_id = \(learner) AND NOT revoked").scalar(Int.self) == 1)
        }
    }

    /// Found by the order property test (sql/017): a pass voided by a revocation, sent again in
    /// a roster's next version (the row changed elsewhere, so it is merged; the pass stands, no
    /// new evidence), gave its holder a new certificate, valid to anyone who checked it, where
    /// the order with both versions before the revocation gave none.
    @Test func aVoidedPassInARostersNextVersionIssuesNothing() throws {
        try withLearner { db, _, url in
            let row = ["Hà Văn Một", learner, "01/01/1995", "Nam", "", "Đại Từ", "TT01-C1", Cascade.instructor(0), "01/06/2025",
                       "10/07/2025", "Đạt", ""]
            var next = row
            next[4] = "0912345678"
            try withFixtures { fixtures in
                let first = try importRoster(db, try fixtures.write("v1.csv", Fixtures.csv([learnerHeader, row])), kind: .learners)
                #expect(first.rejected == 0, "\(first.rejects.map(\.code))")
                let code = try db.query("""
                    SELECT code FROM certificates WHERE national_id = \(learner) AND track = 'learner'
                    """).scalar(String.self)
                #expect(try HocAIProcess.run(["revoke", code, "--reason", "Cấp nhầm"], databaseURL: url).status == 0)
                let second = try importRoster(db, try fixtures.write("v2.csv", Fixtures.csv([learnerHeader, next])), kind: .learners)
                #expect(second.rejected == 0 && second.updated == 1, "\(second.rejects.map(\.code))")
                #expect(try db.query("""
                    SELECT count(*) FROM certificates WHERE national_id = \(learner) AND NOT revoked
                    """).scalar(Int.self) == 0)
                let record = try json(try HocAIProcess.run(["verify", code, "--format", "json"], databaseURL: url).stdout)
                #expect(record["status"] as? String == "revoked")
                #expect(try learnersCounted(url, asOf: CalendarDate.today().description) == 0)
            }
        }
    }

    @Test func figuresBeforeARevocationStayAndALaterPassCountsFromItsDate() throws {
        try withLearner { db, _, _ in
            let service = CertificateService(connection: db, logger: TestDatabase.logger)
            let reports = ReportService(connection: db, logger: TestDatabase.logger)
            func counted(_ date: String) throws -> Int { try reports.report(asOf: CalendarDate.parse(date)!).target(.learners)!.achieved }
            let code = try #require(try service.certify(
                nationalID: learner, classCode: "TT01-C1", result: .pass, date: CalendarDate.parse("2025-07-10")).code)
            let before = try (["2025-07-10", "2025-07-31"]).map(counted)
            try service.revoke(code.value, reason: "Gian lận", on: CalendarDate.parse("2025-08-01")!)
            #expect(try ["2025-07-10", "2025-07-31"].map(counted) == before)
            #expect(try counted("2025-08-01") == 0)
            // A pass in a later class, after the revocation: counted from its own date.
            let again = try service.certify(nationalID: learner, classCode: "TT01-C2", result: .pass, date: CalendarDate.parse("2025-09-15"))
            #expect(again.status == .issued)
            #expect(try counted("2025-09-14") == 0)
            #expect(try counted("2025-09-15") == 1)
            #expect(try summaryDiffersFromRecount(db, asOf: CalendarDate.parse("2025-09-14")!).isEmpty)
            #expect(try summaryDiffersFromRecount(db, asOf: CalendarDate.parse("2025-10-01")!).isEmpty)
            // A pass in the revoked class dated before the revocation is void: returned, not counted.
            let refused = #expect(throws: HocAIError.self) {
                _ = try service.certify(nationalID: learner, classCode: "TT01-C1", result: .pass, date: CalendarDate.parse("2025-07-20"))
            }
            #expect(refused?.reason == "completion.revoked")
        }
    }
}
