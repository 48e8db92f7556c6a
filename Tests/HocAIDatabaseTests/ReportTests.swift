import Foundation
import HocAI
import HocAITestSupport
import PostgresLibPQ
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The report against a plain recount (scripts/recount.sql) on randomized data.
@Suite("Progress report")
struct ReportTests {
    /// Randomized register: three centres' learners overlapping, people of every age (children,
    /// retirees), fail then pass, revocations (of learners and of an instructor), commune moves.
    func buildRandomRegister(_ db: PostgresConnection, fixtures: Fixtures) throws {
        try Cascade.prepare(db, fixtures: fixtures, experts: 5, instructors: 20)
        try CenterService(connection: db, logger: TestDatabase.logger).add(code: "TT03", name: "Trung tâm Võ Nhai", commune: "Võ Nhai")
        var random = SeededGenerator(seed: 2025)
        for (center, rows, seed) in [("TT01", 1500, UInt64(7)), ("TT02", 800, 7), ("TT03", 600, 11)] {
            var settings = SampleRoster.Settings(
                kind: .learners, rows: rows, communes: try CommuneDirectory.shipped(sqlDirectory: TestDatabase.sqlDirectory).communes)
            settings.seed = seed
            settings.cascadeSeed = 7
            settings.centerCode = center
            settings.instructors = 20
            settings.classSize = 25
            var roster = SampleRoster(settings: settings)
            // Widen ages: some children and some people past retirement.
            let url = fixtures.url("\(center).csv")
            var lines: [String] = [roster.header.joined(separator: ",")]
            roster.generate { cells in
                var cells = cells
                let roll = Int.random(in: 0..<20, using: &random)
                if roll == 0 || roll == 1 {
                    // A 10-year-old or a 64-year-old, with a matching national ID.
                    let year = roll == 0 ? 2014 : 1961
                    let female = cells[4] == "Nữ"
                    let digit = (year / 100 - 19) * 2 + (female ? 1 : 0)
                    cells[3] = String(format: "%02d/%02d/%d", Int.random(in: 1...28, using: &random), Int.random(in: 1...12, using: &random), year)
                    cells[2] = String(cells[2].prefix(3)) + String(digit) + String(format: "%02d", year % 100) + String(cells[2].suffix(6))
                }
                lines.append(cells.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ","))
            }
            try (lines.joined(separator: "\r\n") + "\r\n").write(to: url, atomically: true, encoding: .utf8)
            let summary = try importRoster(db, url, kind: .learners, center: center)
            #expect(summary.accepted > rows * 8 / 10, "\(summary.rejects.prefix(3))")
        }
        let service = CertificateService(connection: db, logger: TestDatabase.logger)
        // Revoke some learner certificates on varied dates.
        let codes = try db.query("SELECT code, issued_on FROM certificates WHERE track = 'learner' ORDER BY code LIMIT 60").rows.map {
            try $0.decode((String, CalendarDate).self)
        }
        for (index, (code, issued)) in codes.enumerated() where index % 3 == 0 {
            try service.revoke(code, reason: "Kiểm tra", on: issued.adding(days: index * 7 % 150))
        }
        // Fail then pass for learners without a result.
        let pending = try db.query("""
            SELECT e.national_id, c.code FROM enrolments e JOIN classes c ON c.id = e.class_id
            WHERE NOT EXISTS (SELECT 1 FROM completions x WHERE x.national_id = e.national_id) ORDER BY 1 LIMIT 30
            """).rows.map { try $0.decode((String, String).self) }
        for (id, classCode) in pending {
            _ = try service.certify(nationalID: id, classCode: classCode, result: .fail, date: CalendarDate(year: 2025, month: 8, day: 1)!)
            _ = try service.certify(nationalID: id, classCode: classCode, result: .pass, date: CalendarDate(year: 2025, month: 9, day: 15)!)
        }
        // An instructor's certificate revoked; what they issued stands.
        try service.revoke(try db.query("SELECT code FROM certificates WHERE track = 'instructor' ORDER BY code LIMIT 1").scalar(String.self),
                           reason: "Vi phạm", on: CalendarDate(year: 2025, month: 10, day: 1)!)
        // People move: re-import the first roster with communes changed on every 50th row.
        let first = try String(contentsOf: fixtures.url("TT01.csv"), encoding: .utf8)
        var lines = first.components(separatedBy: "\r\n")
        for index in stride(from: 1, to: lines.count - 1, by: 50) {
            var cells = lines[index].components(separatedBy: ",")
            if cells.count > 6 { cells[6] = "05443" }
            lines[index] = cells.joined(separator: ",")
        }
        try lines.joined(separator: "\r\n").write(to: fixtures.url("TT01-moved.csv"), atomically: true, encoding: .utf8)
        _ = try importRoster(db, fixtures.url("TT01-moved.csv"), kind: .learners, center: "TT01")
    }

    @Test func everyFigureEqualsAPlainRecountOnRandomizedData() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            try buildRandomRegister(db, fixtures: fixtures)
            #expect(try db.query("SELECT count(*) FROM revocations").scalar(Int.self) > 5)
            for date in ["2025-03-31", "2025-06-15", "2025-09-30", "2025-12-31", "2026-06-30", "2031-01-01"].compactMap(CalendarDate.parse) {
                let plain = try recount(db, asOf: date).filter { $0.value != 0 }
                let fast = try summary(db, asOf: date)
                #expect(fast == plain, "as of \(date): \(Set(fast.keys).symmetricDifference(plain.keys).sorted().prefix(5))")
                let report = try ReportService(connection: db, logger: TestDatabase.logger).report(asOf: date, by: .commune)
                #expect(report.target(.learners)?.achieved == plain["learners/total/", default: 0])
                #expect(report.target(.experts)?.achieved == plain["experts/total/", default: 0])
                #expect(report.target(.instructors)?.achieved == plain["instructors/total/", default: 0])
                #expect(report.learners.participants == plain["participants/total/", default: 0])
                #expect(report.learners.certified == plain["certified/total/", default: 0])
                #expect(report.breakdown.count == 92)
                for row in report.breakdown {
                    #expect(row.achieved == plain["learners/commune/\(row.key)", default: 0], "\(row.key) as of \(date)")
                }
            }
            let july = CalendarDate(year: 2025, month: 7, day: 1)!
            #expect(try summary(db, asOf: july)["learners/total/", default: 0] > 100)
        }
    }

    @Test func formsCarryTheSameFiguresAndNoPersonalData() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            try Cascade.prepare(db, fixtures: fixtures)
            let (url, _) = try fixtures.sample("l.csv", kind: .learners, rows: 600)
            _ = try importRoster(db, url, kind: .learners)
            let date = CalendarDate(year: 2025, month: 12, day: 31)!
            let report = try ReportService(connection: db, logger: TestDatabase.logger).report(asOf: date, by: .commune)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
            #expect(json["as_of"] as? String == "2025-12-31")
            let targets = try #require(json["targets"] as? [[String: Any]])
            #expect(targets.map { $0["group"] as? String } == ["experts", "instructors", "learners"])
            #expect(targets[0]["target"] as? Int == 30)
            #expect(targets[2]["participants"] as? Int == 600)
            #expect(targets.allSatisfy { $0["achieved"] != nil && $0["deadline"] as? String == "2025-12-31" })
            let rows = try #require(json["breakdown"] as? [[String: Any]])
            #expect(rows.count == 92)
            #expect(rows.allSatisfy { $0["key"] is String && $0["name"] is String && $0["achieved"] is Int })

            // The HTML parses as XML and carries the same figures.
            let html = report.rendered(as: .html, language: .vi)
            let reader = FigureReader()
            let parser = XMLParser(data: Data(html.utf8))
            parser.delegate = reader
            #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
            #expect(reader.targets == Dictionary(uniqueKeysWithValues: targets.map { ($0["group"] as! String, $0["achieved"] as! Int) }))
            #expect(reader.rows == Dictionary(uniqueKeysWithValues: rows.map { ($0["key"] as! String, $0["achieved"] as! Int) }))
            #expect(reader.sawSVG)
            #expect(!html.contains("http://") || !html.contains("<script"))

            // CSV: BOM, and the breakdown rows.
            let csv = report.rendered(as: .csv, language: .vi)
            #expect(csv.hasPrefix("\u{FEFF}"))
            #expect(csv.contains("05443,Phường Phan Đình Phùng,"))

            // No personal data in any form.
            let people = try db.query("SELECT national_id, full_name FROM people").rows.map { try $0.decode((String, String).self) }
            for text in [report.json(), html, csv, report.rendered(as: .table, language: .en)] {
                #expect(!people.contains { text.contains($0.0) || text.contains($0.1) })
            }
        }
    }

    @Test func paceProjectionAndDeadline() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            try Cascade.prepare(db, fixtures: fixtures, experts: 5, instructors: 20)
            let service = ReportService(connection: db, logger: TestDatabase.logger)
            // The sample experts are certified on 2025-03-15; lower the target to see it met.
            try db.execute(unsafeSQL: "UPDATE targets SET value = 5 WHERE target_group = 'experts'")
            let report = try service.report(asOf: CalendarDate(year: 2026, month: 1, day: 10)!, by: .month)
            let experts = try #require(report.target(.experts))
            #expect(experts.achieved == 5)
            #expect(experts.dateMet == CalendarDate(year: 2025, month: 3, day: 15))
            #expect(experts.metByDeadline == true)
            #expect(experts.achievedAtDeadline == 5)
            let instructors = try #require(report.target(.instructors))
            #expect(instructors.metByDeadline == false)
            #expect(instructors.remaining == 2980)
            #expect(instructors.dailyRate == 0)
            #expect(instructors.projectedDate == nil)
            // Before the deadline: the rate needed, and the pace of the last 28 days.
            let august = try service.report(asOf: CalendarDate(year: 2025, month: 4, day: 20)!)
            let pace = try #require(august.target(.instructors))
            #expect(pace.metByDeadline == nil)
            #expect(pace.achieved == 20)
            #expect(abs(pace.dailyRate - 20.0 / 28) < 1e-9)
            #expect(abs((pace.neededDailyRate ?? 0) - 2980.0 / 255) < 1e-9)
            #expect(pace.projectedDate == CalendarDate(year: 2025, month: 4, day: 20)!.adding(days: Int((2980.0 / (20.0 / 28)).rounded(.up))))
        }
    }
}

/// Collects the figures the HTML carries in its data attributes.
final class FigureReader: NSObject, XMLParserDelegate {
    var targets: [String: Int] = [:]
    var rows: [String: Int] = [:]
    var sawSVG = false

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "svg" { sawSVG = true }
        if let group = attributes["data-group"], let achieved = attributes["data-achieved"].flatMap(Int.init) { targets[group] = achieved }
        if let key = attributes["data-key"], let achieved = attributes["data-achieved"].flatMap(Int.init) { rows[key] = achieved }
    }
}

@Suite("Retirement age (Bộ luật Lao động 2019, Điều 169)")
struct RetirementTests {
    @Test(arguments: [
        // Born, sex, retires: 60y3m in 2021 for men, 55y4m for women, rising to 62 and 60.
        ("1961-01-15", "M", "2021-04-15"), ("1960-06-01", "M", "2020-06-01"), ("1964-05-10", "M", "2025-08-10"),
        // Nghị định 135/2020, Phụ lục I: a man born 1/1966 retires at 61y9m in 10/2027; a woman
        // born 9/1969 at 57y in 2026.
        ("1966-01-01", "M", "2027-10-01"), ("1970-03-31", "M", "2032-03-31"),
        ("1966-01-15", "F", "2021-05-15"), ("1969-09-20", "F", "2026-09-20"), ("1980-02-29", "F", "2040-02-29"),
        ("1965-12-20", "F", "2020-12-20"),
    ])
    func matchesTheStatutoryRoadmap(_ born: String, _ sex: String, _ expected: String) throws {
        try TestDatabase.withDatabase { db, _ in
            let date = try db.query("SELECT retirement_date(\(born)::date, \(sex))::text").scalar(String.self)
            #expect(date == expected)
        }
    }
}

@Suite("Report: a falling figure explained")
struct ReportFallTests {
    /// A man born on 10 May 1964 retires on 10 August 2025 (61 years 3 months in 2025): certified
    /// in June, he stops counting toward the working-age target in August though his certificate
    /// stands, and the report says why the figure fell.
    @Test func learnersReachingRetirementAreNamedAsTheReasonTheCountFell() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            try Cascade.prepare(db, fixtures: fixtures)
            let rows = [learnerHeader,
                        ["Nông Văn Cả", "019064000123", "10/05/1964", "Nam", "", "Đại Từ", "TT01-C1", Cascade.instructor(0),
                         "01/06/2025", "20/06/2025", "Đạt", "8"]]
            let summary = try importRoster(db, try fixtures.write("l.csv", Fixtures.csv(rows)), kind: .learners)
            #expect(summary.accepted == 1, "\(summary.rejects.map { "\($0.code) \($0.message.en)" })")
            let service = ReportService(connection: db, logger: TestDatabase.logger)
            let july = try service.report(asOf: CalendarDate(year: 2025, month: 7, day: 31)!)
            #expect(july.target(.learners)?.achieved == 1)
            let august = try service.report(asOf: CalendarDate(year: 2025, month: 8, day: 20)!)
            #expect(august.target(.learners)?.achieved == 0)
            #expect(august.learners.certified == 1, "the certificate stands")
            let change = august.learnerChange
            #expect(change.since == CalendarDate(year: 2025, month: 7, day: 23)!)
            #expect((change.change, change.leftWorkingAge, change.revoked) == (-1, 1, 0))
            let text = august.rendered(as: .table, language: .vi)
            #expect(text.contains("số học viên tính vào chỉ tiêu giảm 1: 1 người đã đến tuổi nghỉ hưu"), "\(text)")
            #expect(august.rendered(as: .html, language: .en).contains("fell by 1: 1 reached retirement age"))
            // Before the window reaches the retirement, nothing to explain.
            #expect(!july.rendered(as: .table, language: .vi).contains("tuổi nghỉ hưu"))
        }
    }
}
