import Foundation
import HocAITestSupport
import Testing

/// `hocai migrate` as a user runs it: the real binary, as separate processes.
@Suite("hocai migrate (the command)")
struct MigrateCommandTests {
    @Test func twiceInARowThenTwoAtOnce() throws {
        try TestDatabase.withDatabase(migrated: false) { db, name in
            let url = try TestDatabase.databaseURL(for: name)
            let first = try HocAIProcess.run(["migrate", "--lang", "en"], databaseURL: url)
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains("applied 001_reference_data.sql"))
            let second = try HocAIProcess.run(["migrate", "--lang", "en"], databaseURL: url)
            #expect(second.status == 0)
            #expect(second.stdout.contains("up to date"))
            #expect(!second.stdout.contains("applied"))

            try db.execute(unsafeSQL: "DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
            let runs = try HocAIProcess.runConcurrently([["migrate", "--lang", "en"], ["migrate", "--lang", "en"]], databaseURL: url)
            #expect(runs.map(\.status) == [0, 0], "\(runs.map(\.stderr))")
            #expect(runs.filter { $0.stdout.contains("applied 002") }.count == 1)
            #expect(try db.query("SELECT count(*) FROM communes").scalar(Int.self) == 92)
        }
    }

    @Test func withoutADatabaseItSaysHowToGetOne() throws {
        let run = try HocAIProcess.run(
            ["migrate"], databaseURL: "postgresql://nobody@/nodb?host=/nonexistent-dir&port=1")
        #expect(run.status == 1)
        #expect(run.stderr.contains("Không kết nối được cơ sở dữ liệu"))
        #expect(run.stderr.contains("PostgreSQL: connection to server"), "libpq's own words, for the operator")
        #expect(run.stderr.contains("scripts/db url"))
    }
}
