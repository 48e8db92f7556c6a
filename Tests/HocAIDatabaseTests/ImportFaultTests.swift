import Foundation
import HocAI
import HocAITestSupport
import PostgresLibPQ
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Files that are damaged, lie, change or are not files at all; outputs that cannot be written.
/// Each gets a message a clerk can act on, and nothing is lost or half-written (issues: the
/// register's truth, §4–§6; faults and privacy, §1, §4, §5).
@Suite("Import: damaged files and faults")
struct ImportFaultTests {
    @Test func tenDigitCCCDsOfProvinces001To009GetTheLeadingZeroHintInEveryCCCDColumn() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            try Cascade.prepare(db, fixtures: fixtures)
            let bacKan = "6190000202"  // 006190000202 with its two zeros gone
            let expert = String(Cascade.expert(0).drop { $0 == "0" })
            let instructor = String(Cascade.instructor(0).drop { $0 == "0" })
            func codes(_ kind: RosterKind, _ rows: [[String]]) throws -> [String: [String]] {
                let summary = try importRoster(db, try fixtures.write("\(kind).csv", Fixtures.csv(rows)), kind: kind)
                var byColumn: [String: [String]] = [:]
                for issue in summary.rejects { byColumn[issue.columnName ?? "", default: []].append(issue.code) }
                return byColumn
            }
            let person = ["Trần Thị Bình", bacKan, "06/05/1990", "Nữ", "", "Phổ Yên"]
            #expect(try codes(.experts, [expertHeader, person + ["15/03/2025"]])["Số CCCD"] == ["national_id.leading_zero_lost"])
            let instructors = try codes(.instructors, [expertHeader + ["CCCD chuyên gia"], person + ["15/04/2025", expert]])
            #expect(instructors["Số CCCD"] == ["national_id.leading_zero_lost"])
            #expect(instructors["CCCD chuyên gia"] == ["national_id.leading_zero_lost"])
            let learners = try codes(.learners, [learnerHeader, person + ["TT01-X1", instructor, "01/06/2025", "", "", ""]])
            #expect(learners["Số CCCD"] == ["national_id.leading_zero_lost"])
            #expect(learners["CCCD giảng viên"] == ["national_id.leading_zero_lost"])
            let completions = try codes(.completions, [["Số CCCD", "Mã lớp", "Ngày hoàn thành", "Kết quả", "CCCD giảng viên"],
                                                       [bacKan, "TT01-X1", "01/07/2025", "Đạt", instructor]])
            #expect(completions["Số CCCD"] == ["national_id.leading_zero_lost"])
            #expect(completions["CCCD giảng viên"] == ["national_id.leading_zero_lost"])
        }
    }

    @Test func aTwoDigitYearIsNeverReadAsADate() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            let rows = [expertHeader,
                        ["Nguyễn Văn An", "019085000301", "01/02/85", "Nam", "", "Đại Từ", "15/03/2025"],
                        ["Nguyễn Văn Ba", "019085000302", "12/31/85", "Nam", "", "Đại Từ", "3/15/25"]]
            let summary = try importRoster(db, try fixtures.write("d.csv", Fixtures.csv(rows)), kind: .experts)
            #expect(summary.accepted == 0)
            #expect(summary.rejects.map(\.code) == ["date.two_digit_year", "date.two_digit_year", "date.two_digit_year"])
            #expect(summary.rejects[0].message.en.contains("dd/mm/yyyy"))
        }
    }

    @Test func aRejectsFileThatCannotBeWrittenMeansExitOneAndAnUnchangedDatabase() throws {
        try withDatabaseAndFixtures { db, name, fixtures in
            let url = try TestDatabase.databaseURL(for: name)
            let rows = [expertHeader, ["Nguyễn Văn An", "019085000301", "01/02/1985", "Nam", "", "Đại Từ", "15/03/2025"]]
                + (2...4).map { ["Trần Văn Hai", "1908500070\($0)", "01/02/1985", "Nam", "", "Đại Từ", "15/03/2025"] }
            let roster = try fixtures.write("x.csv", Fixtures.csv(rows))
            let before = try snapshot(db)
            // A folder that does not exist: found when the file is written, before the commit.
            let missing = fixtures.url("no/such/folder/x.rejects.csv").path
            let run = try HocAIProcess.run(["import", "experts", roster.path, "--rejects", missing], databaseURL: url)
            #expect(run.status == 1)
            #expect(run.stderr.contains("Không ghi được tệp \(missing)"))
            #expect(run.stderr.contains("thư mục không tồn tại"))
            #expect(!run.stderr.contains("NSCocoaErrorDomain"))
            #expect(try snapshot(db) == before)
            // A file past the size allowed (ulimit -f): the same, and no file left behind.
            let limited = try HocAIProcess.run(
                // 512 bytes: the roster's private copy fits, its rejects file does not.
                ["/bin/sh", "-c", "ulimit -f 1; exec \"$0\" \"$@\"", try HocAIProcess.executable.path, "import", "experts", roster.path],
                databaseURL: url, viaShell: true)
            #expect(limited.status == 1, "\(limited.stderr)")
            #expect(limited.stderr.contains("giới hạn kích thước"))
            #expect(try snapshot(db) == before)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixtures.directory.path).filter { $0.contains("rejects") }
            #expect(leftovers.isEmpty, "\(leftovers)")
            // Then written: the import goes in.
            let ok = try HocAIProcess.run(["import", "experts", roster.path], databaseURL: url)
            #expect(ok.status == 3, "\(ok.stderr)")
            #expect(try count(db, "people") == 1)
        }
    }

    @Test func theRosterItselfIsNeverItsRejectsFileNorIsALink() throws {
        try withDatabaseAndFixtures { db, name, fixtures in
            let url = try TestDatabase.databaseURL(for: name)
            let rows = [expertHeader, ["Trần Văn Hai", "19085000702", "01/02/1985", "Nam", "", "Đại Từ", "15/03/2025"]]
            let roster = try fixtures.write("x.csv", Fixtures.csv(rows))
            let original = try Data(contentsOf: roster)
            // The same file by another name: a path through "..", and a hard link.
            try FileManager.default.createDirectory(at: fixtures.url("sub"), withIntermediateDirectories: true)
            try FileManager.default.linkItem(at: roster, to: fixtures.url("hard.csv"))
            for path in [fixtures.url("sub").path + "/../x.csv", fixtures.url("hard.csv").path] {
                let run = try HocAIProcess.run(["import", "experts", roster.path, "--rejects", path, "--force"], databaseURL: url)
                #expect(run.status == 1)
                #expect(run.stderr.contains("chính là tệp đang được nhập"), "\(run.stderr)")
            }
            // A link, wherever it points, is not written through.
            let target = try fixtures.write("target.txt", "keep me")
            try FileManager.default.createSymbolicLink(at: fixtures.url("link.csv"), withDestinationURL: target)
            let linked = try HocAIProcess.run(["import", "experts", roster.path, "--rejects", fixtures.url("link.csv").path],
                                              databaseURL: url)
            #expect(linked.status == 1)
            #expect(linked.stderr.contains("liên kết"))
            #expect(try String(contentsOf: target, encoding: .utf8) == "keep me")
            #expect(try Data(contentsOf: roster) == original)
            #expect(try count(db, "import_batches") == 0)
        }
    }

    @Test func aDryRunWithRejectsExitsTwoAndWritesNothing() throws {
        try withDatabaseAndFixtures { db, name, fixtures in
            let rows = [expertHeader, ["Nguyễn Văn An", "019085000301", "01/02/1985", "Nam", "", "Đại Từ", "15/03/2025"],
                        ["Trần Văn Hai", "19085000702", "01/02/1985", "Nam", "", "Đại Từ", "15/03/2025"]]
            let roster = try fixtures.write("x.csv", Fixtures.csv(rows))
            let run = try HocAIProcess.run(["import", "experts", roster.path, "--dry-run"], databaseURL: try TestDatabase.databaseURL(for: name))
            #expect(run.status == 2)
            #expect(try snapshot(db) == [0, 0, 0, 0, 0, 0, 0])
            #expect(FileManager.default.fileExists(atPath: fixtures.url("x.rejects.csv").path))
        }
    }

    @Test func aHeaderThatDoesNotReadSaysWhy() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            let good = ["Nguyễn Văn An", "019085000301", "01/02/1985", "Nam", "", "Đại Từ", "15/03/2025"]
            func failure(_ url: URL, encoding: TextEncoding? = nil, delimiter: CSVDelimiter? = nil) -> String {
                do {
                    _ = try importRoster(db, url, kind: .experts) {
                        $0.encoding = encoding
                        $0.delimiter = delimiter
                    }
                    return "imported"
                } catch let error as HocAIError {
                    return error.message.en
                } catch {
                    return "\(error)"
                }
            }
            let quote = try fixtures.write("q.csv", "\"Họ và tên,Số CCCD,Ngày sinh,Giới tính,Số điện thoại,Xã/Phường,Ngày công nhận\n"
                                            + Fixtures.csv([good, good]))
            #expect(failure(quote).contains("opens a quote it never closes"))
            let semicolons = try fixtures.write("s.csv", Fixtures.csv([expertHeader, good], delimiter: ";"))
            #expect(failure(semicolons, delimiter: .comma).contains("seems to use \";\""))
            let utf8 = try fixtures.write("u.csv", Fixtures.csv([expertHeader, good]))
            let windows = try fixtures.write("w.csv", bytes: Array(try TextEncoding.encodeForSample(
                Fixtures.csv([expertHeader, good]), as: .windows1258)))
            let forcedUTF8 = failure(windows, encoding: .utf8)
            #expect(forcedUTF8.contains("garbled"), "\(forcedUTF8)")
            let utf16 = failure(utf8, encoding: .utf16)
            #expect(utf16.contains("probably not utf-16"), "\(utf16)")
            let cp1258 = failure(utf8, encoding: .windows1258)
            #expect(cp1258.contains("line 1") && cp1258.contains("probably not windows-1258"), "\(cp1258)")
            #expect(try count(db, "import_batches") == 0)
        }
    }

    @Test func aQuoteNeverClosedInTheMiddleIsAReturnedRecordNotASilentMerge() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            var rows = [expertHeader.joined(separator: ",")]
            for index in 0..<40 {
                var row = ["Nguyễn Văn An", String(format: "0190850%05d", 300 + index), "01/02/1985", "Nam", "", "Đại Từ", "15/03/2025"]
                if index == 10 { row[0] = "\"Nguyễn Văn An" }  // opens a quote, closed 29 lines later
                if index == 39 { row[0] = "Nguyễn Văn An\"" }
                rows.append(row.joined(separator: ","))
            }
            let summary = try importRoster(db, try fixtures.write("q.csv", rows.joined(separator: "\n") + "\n"), kind: .experts)
            let reject = try #require(summary.rejects.first { $0.code == "row.unclosed_quote" })
            #expect(reject.line == 12)
            #expect(reject.message.en.contains("up to line 41"))
            #expect(summary.rejected == 1)
            #expect(summary.accepted == 10)
            let written = try String(contentsOf: try #require(summary.rejectsFile), encoding: .utf8)
            #expect(written.contains("019085000339"), "the swallowed lines are in the rejects file, not lost")
        }
    }

    @Test func oneBadByteInAUTF8FileIsARejectOfItsLine() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            var text = Fixtures.csv([expertHeader] + (0..<1200).map { index in
                ["Nguyễn Văn Ấn", String(format: "0190850%05d", index), "01/02/1985", "Nam", "", "Đại Từ", "15/03/2025"]
            })
            var bytes = Array(text.utf8)
            // Line 1,001's name: one byte that is not UTF-8.
            let lineStart = bytes.indices.filter { $0 == 0 || bytes[$0 - 1] == 0x0A }[1000]
            bytes[lineStart + 3] = 0xFF
            text = ""
            let url = try fixtures.write("b.csv", bytes: bytes)
            let summary = try importRoster(db, url, kind: .experts)
            #expect(summary.encoding == .utf8)
            #expect(summary.rejects.map(\.line) == [1001])
            #expect(summary.rejects.first?.code == "row.invalid_bytes")
            #expect(summary.accepted == 1199)
        }
    }

    @Test(.hangGuard) func whatIsNotARegularFileIsRefusedAtOnce() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            let fifo = fixtures.url("pipe.csv")
            #expect(mkfifo(fifo.path, 0o600) == 0)
            for path in [fifo.path, "/dev/zero", fixtures.directory.path] {
                let error = #expect(throws: HocAIError.self) { _ = try importRoster(db, URL(fileURLWithPath: path), kind: .experts) }
                #expect(error?.code == .fileUnreadable, "\(path)")
            }
            // A header line of 50 MB is refused without reading it whole into memory or time.
            let long = try fixtures.write("long.csv", String(repeating: "Họ và tên;", count: 5_000_000) + "\n")
            let error = #expect(throws: HocAIError.self) { _ = try importRoster(db, long, kind: .experts) }
            #expect(error?.message.en.contains("longer than 64 KiB") == true)
        }
    }

    /// The importer holds at `point` (its test point) while a test holds the advisory lock.
    static let holdKey: Int64 = 424_242

    @Test(.hangGuard, arguments: ["truncate", "append"])
    func aRosterChangedDuringItsImportFailsWithExitOneAndLeavesNothing(_ change: String) throws {
        try withDatabaseAndFixtures { db, name, fixtures in
            try Cascade.prepare(db, fixtures: fixtures)
            let (roster, _) = try fixtures.sample("big.csv", kind: .learners, rows: 5000)
            let intact = try Data(contentsOf: roster)
            let before = try snapshot(db)
            let url = try TestDatabase.databaseURL(for: name)
            let holder = try TestDatabase.connect(database: name)
            defer { holder.close() }
            try holder.query("SELECT pg_advisory_lock(\(Self.holdKey))")
            let running = try HocAIProcess.spawn(["import", "learners", roster.path, "--center", Cascade.center], databaseURL: url,
                                                 environment: ["HOCAI_TEST_HOLD": "commit:\(Self.holdKey)"])
            try waitUntil("the import to wait before its commit") { try AdvisoryLock.seen(Self.holdKey, granted: false, on: db) }
            let handle = try FileHandle(forWritingTo: roster)
            if change == "truncate" {
                try handle.truncate(atOffset: UInt64(intact.count / 2))
            } else {
                try handle.seekToEnd()
                try handle.write(contentsOf: Data("Thêm,019085000999\r\n".utf8))
            }
            try handle.close()
            try holder.query("SELECT pg_advisory_unlock(\(Self.holdKey))")
            let result = running.wait()
            #expect(result.status == 1)
            #expect(result.stderr.contains("đã bị thay đổi trong lúc đang được đọc"), "\(result.stderr)")
            #expect(try snapshot(db) == before)
            // The intact file afterwards goes in whole.
            try intact.write(to: roster)
            let again = try HocAIProcess.run(["import", "learners", roster.path, "--center", Cascade.center], databaseURL: url)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(try count(db, "people") == before[0] + 5000)
        }
    }

    @Test func importBatchesAreAppendOnlyButForAnImportFinishingItsOwn() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            let rows = [expertHeader, ["Nguyễn Văn An", "019085000301", "01/02/1985", "Nam", "", "Đại Từ", "15/03/2025"]]
            _ = try importRoster(db, try fixtures.write("x.csv", Fixtures.csv(rows)), kind: .experts)
            for statement in ["UPDATE import_batches SET accepted = 0", "UPDATE import_batches SET finished_at = NULL",
                              "DELETE FROM import_batches", "TRUNCATE import_batches"] {
                let error = #expect(throws: PostgresError.self) { try db.execute(unsafeSQL: statement) }
                // (TRUNCATE is refused by the tables that reference the batches, sql/014, before
                // the trigger: feature_not_supported.)
                let codes: [SQLState] = statement.hasPrefix("TRUNCATE") ? [.insufficientPrivilege, .featureNotSupported] : [.insufficientPrivilege]
                #expect(error?.state.map(codes.contains) == true, "\(statement): \(error?.sqlState ?? "")")
            }
            // Finishing a batch it has just written, in its own transaction, is what an import does.
            try db.transaction { db in
                let id = try db.query("INSERT INTO import_batches (kind, file_name, sha256) VALUES ('experts', 'y.csv', \(String(repeating: "a", count: 64))) RETURNING id").scalar(Int.self)
                try db.query("UPDATE import_batches SET finished_at = now(), rows_read = 1 WHERE id = \(id)")
            }
        }
    }
}
