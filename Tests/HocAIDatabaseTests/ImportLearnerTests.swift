import Foundation
import HocAI
import HocAITestSupport
import PostgresLibPQ
import Testing

/// Learner rosters: classes on first sight, enrolments, and results in the same row.
@Suite("Import: learners and classes")
struct ImportLearnerTests {
    func learner(_ name: String, _ id: String, born: String, sex: String, class code: String, instructor: String,
                 enrolled: String = "01/06/2025", completed: String = "", result: String = "", score: String = "") -> [String] {
        [name, id, born, sex, "", "Đại Từ", code, instructor, enrolled, completed, result, score]
    }

    @Test func aClassIsCreatedOnFirstSightWithItsCertifiedInstructor() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            try Cascade.prepare(db, fixtures: fixtures)
            let teacher = Cascade.instructor(0)
            let rows = [learnerHeader,
                        learner("Hà Thị Mai", "019195000501", born: "01/01/1995", sex: "Nữ", class: "TT01-A1", instructor: teacher),
                        learner("Hà Văn Nam", "019095000502", born: "01/01/1995", sex: "Nam", class: "TT01-A1", instructor: "",
                                completed: "01/07/2025", result: "Đạt", score: "8,5"),
                        learner("Lò Văn Ba", "019200000503", born: "01/01/2000", sex: "Nam", class: "TT01-A1", instructor: teacher,
                                completed: "01/07/2025", result: "Không đạt", score: "3")]
            let summary = try importRoster(db, try fixtures.write("l.csv", Fixtures.csv(rows)), kind: .learners)
            #expect(summary.rejected == 0, "\(summary.rejects)")
            let (center, instructor, track) = try #require(try db.query(
                "SELECT center_code, instructor_id, track::text FROM classes WHERE code = 'TT01-A1'").first).decode((String, String, String).self)
            #expect((center, instructor, track) == ("TT01", teacher, "instructor_to_learner"))
            #expect(try count(db, "enrolments") == 3)
            let results = try db.query("""
                SELECT national_id, result, score::text, issued_by, certificate_code IS NOT NULL FROM completions ORDER BY national_id
                """).rows.map { try $0.decode((String, String, String?, String, Bool).self) }
            #expect(results.map(\.1) == ["pass", "fail"])
            #expect(results.map(\.2) == ["8.50", "3.00"])
            #expect(results.allSatisfy { $0.3 == teacher })
            #expect(results.map(\.4) == [true, false])
            #expect(try db.query("SELECT count(*) FROM certificates WHERE track = 'learner'").scalar(Int.self) == 1)
        }
    }

    @Test func classRulesRejectWithReasons() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            try Cascade.prepare(db, fixtures: fixtures)
            // A class of the other centre, made by its own import.
            let other = [learnerHeader, learner("Mai Văn Một", "019090000601", born: "01/01/1990", sex: "Nam", class: "TT02-X", instructor: Cascade.instructor(1))]
            #expect(try importRoster(db, try fixtures.write("o.csv", Fixtures.csv(other)), kind: .learners, center: "TT02").rejected == 0)
            let learnerAsTeacher = "019090000601"
            let rows = [learnerHeader,
                        learner("A Văn Hai", "019090000602", born: "01/01/1990", sex: "Nam", class: "TT02-X", instructor: Cascade.instructor(1)),
                        learner("A Văn Ba", "019090000603", born: "01/01/1990", sex: "Nam", class: "TT01-NEW", instructor: ""),
                        learner("A Văn Bốn", "019090000604", born: "01/01/1990", sex: "Nam", class: "TT01-B", instructor: Cascade.instructor(2)),
                        learner("A Văn Năm", "019090000605", born: "01/01/1990", sex: "Nam", class: "TT01-B", instructor: Cascade.instructor(3)),
                        learner("A Văn Sáu", "019090000606", born: "01/01/1990", sex: "Nam", class: "TT01-C", instructor: learnerAsTeacher),
                        learner("A Văn Bảy", "019090000607", born: "01/01/1990", sex: "Nam", class: "TT01-B", instructor: "",
                                enrolled: "01/06/2025", completed: "01/05/2025", result: "Đạt"),
                        learner("A Văn Tám", "019090000608", born: "01/01/1990", sex: "Nam", class: "TT01-B", instructor: "",
                                completed: "01/07/2025", result: ""),
                        learner("A Văn Chín", "019090000609", born: "01/01/1990", sex: "Nam", class: "TT 01", instructor: Cascade.instructor(2))]
            let summary = try importRoster(db, try fixtures.write("l.csv", Fixtures.csv(rows)), kind: .learners)
            let codes = Dictionary(grouping: summary.rejects, by: \.line).mapValues { $0.map(\.code) }
            #expect(codes[2] == ["class.other_center"])
            #expect(codes[3] == ["class.instructor_missing"])
            #expect(codes[4] == nil)
            #expect(codes[5] == ["class.instructor_conflict"])
            #expect(codes[6] == ["class.instructor_not_certified"])
            #expect(codes[7] == ["completion.before_enrolment"])
            #expect(codes[8] == ["result.incomplete"])
            #expect(codes[9] == ["class_code.invalid"])
            #expect(summary.rejects.first { $0.line == 5 }?.message.en.contains("Line 4") == true)
            #expect(summary.accepted == 1)
        }
    }

    @Test func reimportingWithOnePercentChangedUpdatesOnlyThose() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            try Cascade.prepare(db, fixtures: fixtures)
            let (url, _) = try fixtures.sample("l.csv", kind: .learners, rows: 2_000)
            let first = try importRoster(db, url, kind: .learners)
            #expect(first.inserted == 2_000)
            // Change the phone of every 100th row.
            let text = try String(contentsOf: url, encoding: .utf8)
            var lines = text.components(separatedBy: "\r\n")
            for index in stride(from: 1, to: lines.count - 1, by: 100) {
                var cells = lines[index].components(separatedBy: ",")
                cells[5] = "0912" + String(format: "%06d", index)
                lines[index] = cells.joined(separator: ",")
            }
            let changed = try fixtures.write("l2.csv", lines.joined(separator: "\r\n"))
            let second = try importRoster(db, changed, kind: .learners)
            #expect((second.inserted, second.updated, second.unchanged) == (0, 20, 1_980))
        }
    }
}
