import Foundation
import HocAI
import HocAITestSupport
import PostgresLibPQ
import Testing

/// A learner roster sent again: rows the centre's enrolments hold by fingerprint are known
/// unchanged before any check; every other row is checked as in any import.
@Suite("Import: rows sent again")
struct ImportUnchangedRowsTests {
    let teacher = Cascade.instructor(0)

    func learner(_ name: String, _ id: String, born: String, sex: String, class code: String, commune: String = "Đại Từ") -> [String] {
        [name, id, born, sex, "", commune, code, teacher, "01/06/2025", "", "", ""]
    }

    var mai: [String] { learner("Hà Thị Mai", "019195000501", born: "01/01/1995", sex: "Nữ", class: "TT01-A1") }
    var nam: [String] { learner("Hà Văn Nam", "019095000502", born: "01/01/1995", sex: "Nam", class: "TT01-A1") }

    /// A register with the sample cascade (centres TT01 and TT02, experts, instructors).
    func withRegister(_ body: (PostgresConnection, Fixtures) throws -> Void) throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            try Cascade.prepare(db, fixtures: fixtures)
            try body(db, fixtures)
        }
    }

    /// What an import wrote: inserted, updated and unchanged rows.
    func changes(_ summary: ImportSummary) -> [Int] { [summary.inserted, summary.updated, summary.unchanged] }

    /// Imports with a capturing logger; returns the summary and how many rows the first pass
    /// found unchanged (nil where it did not run).
    func importLearners(
        _ db: PostgresConnection, _ url: URL, center: String = Cascade.center,
        progress: ((RosterImporter.Progress) -> Void)? = nil
    ) throws -> (summary: ImportSummary, recognised: Int?) {
        let capture = LogCapture()
        var options = ImportOptions(kind: .learners, center: center)
        options.force = true
        let summary = try RosterImporter(connection: db, logger: capture.logger()).run(file: url, options: options, progress: progress)
        let recognised = capture.entries.first { $0.message == "unchanged rows found" }.flatMap { Int($0.metadata["unchanged"] ?? "") }
        return (summary, recognised)
    }

    @Test func aRosterSentAgainIsRecognisedRowByRowAndChangedRowsTakeTheirNewFingerprint() throws {
        try withRegister { db, fixtures in
            let (url, _) = try fixtures.sample("l.csv", kind: .learners, rows: 2_000)
            let first = try importLearners(db, url)
            #expect(first.recognised == nil)  // nothing to compare with yet
            #expect(first.summary.inserted == 2_000)
            #expect(try count(db, "enrolments") == 2_000)
            #expect(try db.query("SELECT count(*) FROM enrolments WHERE octet_length(roster_fingerprint) = 16").scalar(Int.self) == 2_000)

            var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\r\n")
            var phones: [String] = []
            for index in stride(from: 1, to: lines.count - 1, by: 100) {
                var cells = lines[index].components(separatedBy: ",")
                cells[5] = "0912" + String(format: "%06d", index)
                phones.append("+84912" + String(format: "%06d", index))
                lines[index] = cells.joined(separator: ",")
            }
            let changed = try fixtures.write("l2.csv", lines.joined(separator: "\r\n"))
            let second = try importLearners(db, changed)
            #expect(second.recognised == 1_980)
            #expect((second.summary.rows, second.summary.accepted) == (2_000, 2_000))
            #expect(changes(second.summary) == [0, 20, 1_980])
            #expect(try db.query("SELECT count(*) FROM people WHERE phone = ANY(\(phones))").scalar(Int.self) == 20)

            let third = try importLearners(db, changed)
            #expect(third.recognised == 2_000)
            #expect(changes(third.summary) == [0, 0, 2_000])
        }
    }

    @Test func theSameRowsFromAnotherCentreAreCheckedNotRecognised() throws {
        try withRegister { db, fixtures in
            let url = try fixtures.write("l.csv", Fixtures.csv([learnerHeader, mai, nam]))
            #expect(try importLearners(db, url).summary.inserted == 2)
            // TT02 has a class of its own, so its imports look for unchanged rows.
            let own = learner("Lò Văn Ba", "019200000503", born: "01/01/2000", sex: "Nam", class: "TT02-B1")
            #expect(try importLearners(db, try fixtures.write("own.csv", Fixtures.csv([learnerHeader, own])), center: "TT02")
                .summary.inserted == 1)
            let other = try importLearners(db, url, center: "TT02")
            #expect(other.recognised == 0)
            #expect(other.summary.rejected == 2)
            #expect(Set(other.summary.rejects.map(\.code)).count == 1)
            #expect(other.summary.rejects.allSatisfy { $0.column == 7 })
        }
    }

    @Test func aRepeatedCCCDIsAlwaysCheckedSoBothRowsOfAConflictAreRejected() throws {
        try withRegister { db, fixtures in
            #expect(try importLearners(db, try fixtures.write("a.csv", Fixtures.csv([learnerHeader, mai, nam]))).summary.inserted == 2)
            // Mai's row unchanged, and a new row of her CCCD with another name in another class.
            let other = learner("Hà Thị Mây", "019195000501", born: "01/01/1995", sex: "Nữ", class: "TT01-A2")
            let sent = try importLearners(db, try fixtures.write("b.csv", Fixtures.csv([learnerHeader, mai, nam, other])))
            #expect(sent.recognised == 1)  // Nam only
            #expect(sent.summary.rejected == 2)
            let byLine = Dictionary(grouping: sent.summary.rejects, by: \.line)
            #expect(byLine[2]?.first?.code == "person.conflict_in_file")
            #expect(byLine[4]?.first?.code == "person.conflict_in_file")
            #expect(byLine[2]?.first?.message.en.contains("line 4") == true)
            #expect(try count(db, "enrolments") == 2)
        }
    }

    @Test func aChangedHeaderRechecksEveryRowAndThenRecognisesThem() throws {
        try withRegister { db, fixtures in
            #expect(try importLearners(db, try fixtures.write("a.csv", Fixtures.csv([learnerHeader, mai, nam]))).summary.inserted == 2)
            var header = learnerHeader
            header[0] = "Họ tên"
            let renamed = try fixtures.write("b.csv", Fixtures.csv([header, mai, nam]))
            let checked = try importLearners(db, renamed)
            #expect(checked.recognised == 0)
            #expect(changes(checked.summary) == [0, 0, 2])
            // Checked again and unchanged; their enrolments now keep this file's fingerprints.
            let again = try importLearners(db, renamed)
            #expect(again.recognised == 2)
            #expect(changes(again.summary) == [0, 0, 2])
        }
    }

    @Test func aRejectedRowSentAgainIsRejectedAgain() throws {
        try withRegister { db, fixtures in
            let bad = learner("Lò Văn Ba", "019200000503", born: "01/01/2000", sex: "Nam", class: "TT01-A1", commune: "Xã Không Có")
            let url = try fixtures.write("a.csv", Fixtures.csv([learnerHeader, mai, bad]))
            let first = try importLearners(db, url)
            #expect(first.summary.rejects.map(\.code) == ["commune.unknown"])
            let second = try importLearners(db, url)
            #expect(second.recognised == 1)
            #expect(second.summary.rejects.map(\.code) == ["commune.unknown"])
            #expect(second.summary.rejects.map(\.line) == [3])
            #expect((second.summary.rows, second.summary.accepted, second.summary.unchanged) == (2, 1, 1))
        }
    }

    @Test func theProgressBarCountsBothReadingsAsOne() throws {
        try withRegister { db, fixtures in
            let (url, _) = try fixtures.sample("l.csv", kind: .learners, rows: 300)
            let size = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
            for readings in [1, 2] {
                var seen: [RosterImporter.Progress] = []
                _ = try importLearners(db, url) { seen.append($0) }
                #expect(seen.count == readings)
                #expect(seen.allSatisfy { $0.totalBytes == readings * size })
                #expect(seen.map(\.bytesRead) == (1...readings).map { $0 * size })
                #expect(seen.last?.rows == 300)
            }
        }
    }

    @Test func theSameRosterSavedAsUTF16WithTabsIsRecognised() throws {
        try withRegister { db, fixtures in
            let (comma, _) = try fixtures.sample("l.csv", kind: .learners, rows: 300)
            #expect(try importLearners(db, comma).summary.inserted == 300)
            let (unicodeText, _) = try fixtures.sample("l.txt", kind: .learners, rows: 300, encoding: .utf16, delimiter: .tab)
            let again = try importLearners(db, unicodeText)
            #expect(again.summary.encoding == .utf16)
            #expect(again.recognised == 300)
            #expect(changes(again.summary) == [0, 0, 300])
        }
    }
}
