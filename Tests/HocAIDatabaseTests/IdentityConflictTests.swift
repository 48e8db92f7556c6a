import Foundation
import HocAI
import HocAITestSupport
import PostgresLibPQ
import Testing

/// Two centres send one CCCD with different names or birth dates: the later row is held with
/// its batch, not rejected, until an administrator decides who the person is; then every held
/// row of that person is applied or returned (issue: green on any machine, §3).
@Suite("Identity conflicts: held, decided, applied")
struct IdentityConflictTests {
    static let person = "019095000961"
    static let other = "019095000962"

    static func row(_ name: String, _ id: String = person, born: String = "01/01/1995", commune: String, classCode: String,
                    instructor: Int, enrolled: String, passed: String? = nil) -> [String] {
        [name, id, born, "Nam", "", commune, classCode, Cascade.instructor(instructor), enrolled, passed ?? "", passed == nil ? "" : "Đạt",
         passed == nil ? "" : "8"]
    }

    /// TT01 registers An; TT02 sends him as Ân with an earlier pass.
    static let tt01 = [learnerHeader, row("Nguyễn Văn An", commune: "Đại Từ", classCode: "TT01-K1", instructor: 0,
                                          enrolled: "01/06/2025", passed: "20/06/2025")]
    static let tt02 = [learnerHeader,
                       row("Nguyễn Văn Ân", commune: "Phổ Yên", classCode: "TT02-K2", instructor: 6, enrolled: "01/05/2025", passed: "10/06/2025"),
                       row("Lê Văn Bảo", other, commune: "Phổ Yên", classCode: "TT02-K2", instructor: 6, enrolled: "01/05/2025")]

    func learnersCounted(_ db: PostgresConnection, on date: String) throws -> Int {
        try summary(db, asOf: CalendarDate.parse(date)!)["learners/total/"] ?? 0
    }

    @Test func aConflictIsHeldUntilDecidedAndTheRowIsTheRightIdentitysRegisterCorrected() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            try Cascade.prepare(db, fixtures: fixtures)
            _ = try importRoster(db, try fixtures.write("tt01.csv", Fixtures.csv(Self.tt01)), kind: .learners, center: "TT01")
            let tt02 = try fixtures.write("tt02.csv", Fixtures.csv(Self.tt02))
            let held = try importRoster(db, tt02, kind: .learners, center: "TT02")
            #expect((held.rows, held.accepted, held.rejected, held.held) == (2, 1, 0, 1))
            #expect(held.heldRows.first?.line == 2)
            #expect(held.rejectsFile == nil, "a held row is not returned")
            #expect(held.exitStatus == 3)
            // Nothing counted twice or dropped meanwhile: the register as it was, the summary its recount.
            #expect(try db.query("SELECT full_name FROM people WHERE national_id = \(Self.person)").scalar(String.self) == "Nguyễn Văn An")
            #expect(try count(db, "completions WHERE national_id = '\(Self.person)'") == 1)
            #expect(try summaryDiffersFromRecount(db, asOf: CalendarDate.parse("2025-12-31")!).isEmpty)
            #expect(try learnersCounted(db, on: "2025-06-15") == 0)
            let conflicts = IdentityConflicts(connection: db, logger: TestDatabase.logger)
            #expect(try conflicts.peopleWithOpenConflicts() == 1)
            #expect(try ReportService(connection: db, logger: TestDatabase.logger).report(asOf: CalendarDate.parse("2025-12-31")!, by: nil)
                .json().contains("\"people_with_open_conflicts\":1"))

            // The same file again: held once.
            let again = try importRoster(db, tt02, kind: .learners, center: "TT02") { $0.force = true }
            #expect(again.held == 1)
            #expect(try count(db, "identity_holds") == 1)

            // The centre sees its row and why; the administrator sees both identities.
            let mine = try conflicts.rows(center: "TT02")
            #expect(mine.map(\.fullName) == ["Nguyễn Văn Ân"])
            #expect(mine.first?.reason.en.contains("held, not lost") == true)
            #expect(try conflicts.rows(center: "TT01").isEmpty)
            let open = try conflicts.open()
            #expect(open.count == 1)
            #expect(open.first?.fullName == "Nguyễn Văn An")
            #expect(open.first?.rows.map(\.differs) == ["full_name"])

            // TT02 had it right: the register is corrected, its old value kept; the pass applied.
            let holdID = try #require(open.first?.rows.first?.id)
            let outcome = try conflicts.resolve(holdID, keep: .row)
            #expect(outcome.corrected)
            #expect(outcome.applied == [holdID])
            #expect(outcome.returned.isEmpty)
            #expect(try db.query("SELECT full_name FROM people WHERE national_id = \(Self.person)").scalar(String.self) == "Nguyễn Văn Ân")
            #expect(try db.query("SELECT full_name FROM people_identity_history WHERE national_id = \(Self.person)").scalar(String.self)
                == "Nguyễn Văn An")
            #expect(try count(db, "completions WHERE national_id = '\(Self.person)'") == 2)
            #expect(try learnersCounted(db, on: "2025-06-15") == 1, "counted from the earlier pass, now applied")
            #expect(try summaryDiffersFromRecount(db, asOf: CalendarDate.parse("2025-12-31")!).isEmpty)
            #expect(try conflicts.peopleWithOpenConflicts() == 0)
            #expect(try conflicts.rows(center: "TT02").first?.status == .applied)

            // TT01's spelling was his too: its file sent again is not held again.
            let tt01Again = try importRoster(db, try fixtures.write("tt01.csv", Fixtures.csv(Self.tt01)), kind: .learners, center: "TT01") {
                $0.force = true
            }
            #expect((tt01Again.rejected, tt01Again.held) == (0, 0))
            #expect(try count(db, "identity_holds") == 1)
            #expect(throws: HocAIError.self) { try conflicts.resolve(holdID, keep: .register) }
        }
    }

    @Test func keepingTheRegisterAppliesTheHeldRowsResultsWithThemAndAReturnedRowGoesBack() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            try Cascade.prepare(db, fixtures: fixtures)
            var first = Self.tt01
            first.append(Self.row("Lê Văn Bảo", Self.other, commune: "Đại Từ", classCode: "TT01-K1", instructor: 0, enrolled: "01/06/2025"))
            _ = try importRoster(db, try fixtures.write("tt01.csv", Fixtures.csv(first)), kind: .learners, center: "TT01")
            // TT02: An misspelled, without a result yet; Bảo with another date of birth (in fact another person's row).
            let rows = [learnerHeader,
                        Self.row("Nguyễn Văn Ân", commune: "Phổ Yên", classCode: "TT02-K2", instructor: 6, enrolled: "01/05/2025"),
                        Self.row("Lê Văn Bảo", Self.other, born: "02/02/1995", commune: "Phổ Yên", classCode: "TT02-K2", instructor: 6,
                                 enrolled: "01/05/2025")]
            let roster = try importRoster(db, try fixtures.write("tt02.csv", Fixtures.csv(rows)), kind: .learners, center: "TT02")
            #expect(roster.held == 2)
            #expect(Set(roster.heldRows.map { $0.columnName ?? "" }) == ["Họ và tên", "Ngày sinh"])
            // The results for An's held enrolment are held with it, not returned.
            let results = [["Số CCCD", "Mã lớp", "Ngày hoàn thành", "Kết quả", "Điểm"], [Self.person, "TT02-K2", "10/06/2025", "Đạt", "9"]]
            let held = try importRoster(db, try fixtures.write("kq.csv", Fixtures.csv(results)), kind: .completions, center: "TT02")
            #expect((held.rejected, held.held) == (0, 1))
            #expect(held.heldRows.first?.code == "person.enrolment_held")
            // A single result for it is refused, with why (it would otherwise be lost or held unseen).
            let service = CertificateService(connection: db, logger: TestDatabase.logger)
            let refused = #expect(throws: HocAIError.self) {
                try service.certify(nationalID: Self.person, classCode: "TT02-K2", result: .pass, date: CalendarDate.parse("2025-06-11"), centerCode: "TT02")
            }
            #expect(refused?.reason == "completion.enrolment_held")

            let conflicts = IdentityConflicts(connection: db, logger: TestDatabase.logger)
            let open = try conflicts.open()
            #expect(open.map { $0.rows.count } == [2, 1])
            let an = try #require(open.first { $0.nationalID.digits == Self.person })
            let outcome = try conflicts.resolve(an.rows[0].id, keep: .register)
            #expect(!outcome.corrected)
            #expect(outcome.applied == an.rows.map(\.id), "the enrolment, then its result")
            #expect(try db.query("SELECT full_name FROM people WHERE national_id = \(Self.person)").scalar(String.self) == "Nguyễn Văn An")
            #expect(try count(db, "enrolments WHERE national_id = '\(Self.person)'") == 2)
            #expect(try count(db, "completions WHERE national_id = '\(Self.person)'") == 2)
            #expect(try count(db, "people_identity_history") == 0)

            let bao = try #require(open.first { $0.nationalID.digits == Self.other })
            try conflicts.returnRow(bao.rows[0].id)
            let returned = try #require(try conflicts.rows(center: "TT02").first { $0.id == bao.rows[0].id })
            #expect(returned.status == .returned)
            #expect(returned.returnCode == "identity.returned")
            #expect(returned.reason.en.contains("not the person"))
            #expect(try count(db, "enrolments WHERE national_id = '\(Self.other)'") == 1)
            #expect(try conflicts.open().isEmpty)
            #expect(try summaryDiffersFromRecount(db, asOf: CalendarDate.parse("2025-12-31")!).isEmpty)
        }
    }

    /// The two arrival orders of the same two files, decided the same way (An is right), give
    /// the same register and the same figures.
    @Test func eitherArrivalOrderDecidedTheSameWayGivesTheSameFigures() throws {
        func load(_ files: [(rows: [[String]], center: String)]) throws -> [String] {
            try withDatabaseAndFixtures { db, _, fixtures in
                try Cascade.prepare(db, fixtures: fixtures)
                for (index, file) in files.enumerated() {
                    _ = try importRoster(db, try fixtures.write("f\(index).csv", Fixtures.csv(file.rows)), kind: .learners, center: file.center)
                }
                let conflicts = IdentityConflicts(connection: db, logger: TestDatabase.logger)
                let conflict = try #require(try conflicts.open().first)
                if conflict.fullName == "Nguyễn Văn An" {
                    try conflicts.resolve(conflict.rows[0].id, keep: .register)
                } else {
                    try conflicts.resolve(try #require(conflict.rows.first { $0.fullName == "Nguyễn Văn An" }).id, keep: .row)
                }
                let service = ReportService(connection: db, logger: TestDatabase.logger)
                var figures = [try db.query("SELECT full_name FROM people WHERE national_id = \(Self.person)").scalar(String.self)]
                for date in ["2025-06-15", "2025-12-31"] {
                    #expect(try summaryDiffersFromRecount(db, asOf: CalendarDate.parse(date)!).isEmpty)
                    for by in [nil] + ProgressReport.Dimension.allCases.map(Optional.some) {
                        figures.append(try service.report(asOf: CalendarDate.parse(date)!, by: by).json())
                    }
                }
                return figures
            }
        }
        let forward = try load([(Self.tt01, "TT01"), (Self.tt02, "TT02")])
        let backward = try load([(Self.tt02, "TT02"), (Self.tt01, "TT01")])
        #expect(forward == backward)
        #expect(forward.first == "Nguyễn Văn An")
    }

    /// The same through `hocai`: the import's exit status and summary, the list, the decision.
    @Test func theCommandListsAndDecides() throws {
        try withDatabaseAndFixtures { db, name, fixtures in
            try Cascade.prepare(db, fixtures: fixtures)
            let url = try TestDatabase.databaseURL(for: name)
            let first = try HocAIProcess.run(["import", "learners", try fixtures.write("a.csv", Fixtures.csv(Self.tt01)).path,
                                              "--center", "TT01"], databaseURL: url)
            #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
            let second = try HocAIProcess.run(["import", "learners", try fixtures.write("b.csv", Fixtures.csv(Self.tt02)).path,
                                               "--center", "TT02", "--lang", "en"], databaseURL: url)
            #expect(second.status == 3, "some rows held")
            #expect(second.stdout.contains("Held 1 rows for an administrator's decision"), "\(second.stdout)")
            #expect(second.stdout.contains("[person.identity_held]"))

            let listed = try HocAIProcess.run(["conflicts", "--format", "json"], databaseURL: url)
            #expect(listed.status == 0, "\(listed.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])
            let conflict = try #require((object["conflicts"] as? [[String: Any]])?.first)
            let id = try #require((conflict["rows"] as? [[String: Any]])?.first?["id"] as? Int)
            let text = try HocAIProcess.run(["conflicts"], databaseURL: url)
            #expect(text.stdout.contains("Nguyễn Văn Ân") && text.stdout.contains("Nguyễn Văn An"))

            let unknown = try HocAIProcess.run(["conflicts", "resolve", "999999", "--keep", "row", "--lang", "en"], databaseURL: url)
            #expect(unknown.status == 1)
            #expect(unknown.stderr.contains("No held row has number 999999"), "\(unknown.stderr)")
            let badChoice = try HocAIProcess.run(["conflicts", "resolve", String(id), "--keep", "maybe"], databaseURL: url)
            #expect(badChoice.status == 64, "a usage error")

            let resolved = try HocAIProcess.run(["conflicts", "resolve", String(id), "--keep", "row", "--lang", "en"], databaseURL: url)
            #expect(resolved.status == 0, "\(resolved.stderr)")
            #expect(resolved.stdout.contains("Applied 1 rows, returned 0"), "\(resolved.stdout)")
            #expect(try HocAIProcess.run(["conflicts", "--lang", "en"], databaseURL: url).stdout.contains("No rows are held"))
            #expect(try db.query("SELECT full_name FROM people WHERE national_id = \(Self.person)").scalar(String.self) == "Nguyễn Văn Ân")
        }
    }
}
