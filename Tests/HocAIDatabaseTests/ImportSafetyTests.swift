import Foundation
import HocAI
import HocAITestSupport
import PostgresLibPQ
import Testing

/// Nothing half-written: dry runs, all-or-nothing, a killed process, two imports at once.
@Suite("Import: transactions and concurrency")
struct ImportSafetyTests {
    @Test func aDryRunChecksEverythingAndWritesNothing() throws {
        try TestDatabase.withDatabase { db, _ in
            try withFixtures { fixtures in
                try Cascade.prepare(db, fixtures: fixtures)
                let before = try snapshot(db)
                let (url, _) = try fixtures.sample("l.csv", kind: .learners, rows: 500, messy: 0.003)
                let dry = try importRoster(db, url, kind: .learners) { $0.dryRun = true }
                #expect(!dry.committed)
                #expect(dry.inserted > 0)
                #expect(try snapshot(db) == before)
                // The real run finds exactly what the dry run said.
                let real = try importRoster(db, url, kind: .learners)
                #expect(real.committed)
                #expect((real.accepted, real.rejected, real.inserted, real.duplicates) == (dry.accepted, dry.rejected, dry.inserted, dry.duplicates))
                #expect(real.rejects == dry.rejects)
            }
        }
    }

    @Test func allOrNothingCommitsNothingWhenARowIsRejected() throws {
        try TestDatabase.withDatabase { db, _ in
            try withFixtures { fixtures in
                let rows = [expertHeader,
                            ["Nguyễn Văn An", "019085000401", "01/02/1985", "Nam", "", "Đại Từ", "15/03/2025"],
                            ["Trần Văn Bốn", "019085000402", "31/02/1985", "Nam", "", "Đại Từ", "15/03/2025"]]
                let url = try fixtures.write("x.csv", Fixtures.csv(rows))
                let summary = try importRoster(db, url, kind: .experts) { $0.allOrNothing = true }
                #expect(!summary.committed)
                #expect(summary.exitStatus == 1)
                #expect(summary.rejected == 1)
                #expect(try snapshot(db) == [0, 0, 0, 0, 0, 0, 0])
                #expect(FileManager.default.fileExists(atPath: fixtures.url("x.rejects.csv").path))
            }
        }
    }

    @Test func killingTheImportAtAnyMomentLeavesTheDatabaseAsItWas() throws {
        try TestDatabase.withDatabase { db, name in
            try withFixtures { fixtures in
                try Cascade.prepare(db, fixtures: fixtures)
                let before = try snapshot(db)
                let (url, _) = try fixtures.sample("big.csv", kind: .learners, rows: 60_000)
                let databaseURL = try TestDatabase.databaseURL(for: name)
                var sawWork = false
                for delay in [0.3, 0.8, 1.5, 2.5] {
                    let process = try HocAIProcess.start(
                        ["import", "learners", url.path, "--center", Cascade.center, "--force"], databaseURL: databaseURL)
                    Thread.sleep(forTimeInterval: delay)
                    let wasRunning = process.isRunning
                    kill(process.processIdentifier, SIGKILL)
                    process.waitUntilExit()
                    sawWork = sawWork || wasRunning
                    // The server notices the dead client and rolls back; wait for its backend to go.
                    for _ in 0..<100 {
                        let busy = try db.query("""
                            SELECT count(*) FROM pg_stat_activity WHERE datname = \(name) AND application_name = 'hocai' AND pid <> pg_backend_pid()
                            """).scalar(Int.self)
                        if busy == 0 { break }
                        Thread.sleep(forTimeInterval: 0.05)
                    }
                    if wasRunning { #expect(try snapshot(db) == before, "killed after \(delay)s") }
                }
                #expect(sawWork, "at least one kill landed mid-import")
                let finished = try HocAIProcess.run(["import", "learners", url.path, "--center", Cascade.center], databaseURL: databaseURL)
                #expect(finished.status == 0, "\(finished.stderr)")
                #expect(try count(db, "people") == before[0] + 60_000)
            }
        }
    }

    @Test func twoImportsAtOnceWithOverlappingPeopleBothFinishWithoutDuplicates() throws {
        try TestDatabase.withDatabase { db, name in
            try withFixtures { fixtures in
                try Cascade.prepare(db, fixtures: fixtures)
                let peopleBefore = try count(db, "people")
                // Same seed: the first 3,000 learners are the same people in both files.
                let (a, _) = try fixtures.sample("a.csv", kind: .learners, rows: 5_000, seed: 7, center: "TT01")
                let (b, _) = try fixtures.sample("b.csv", kind: .learners, rows: 3_000, seed: 7, center: "TT02")
                let url = try TestDatabase.databaseURL(for: name)
                let runs = try HocAIProcess.runConcurrently([
                    ["import", "learners", a.path, "--center", "TT01", "--format", "json"],
                    ["import", "learners", b.path, "--center", "TT02", "--format", "json"],
                ], databaseURL: url)
                #expect(runs.map(\.status) == [0, 0], "\(runs.map(\.stderr))")
                #expect(try count(db, "people") == peopleBefore + 5_000)
                #expect(try db.query("SELECT count(DISTINCT national_id) FROM enrolments").scalar(Int.self) == 5_000)
                #expect(try count(db, "enrolments") == 8_000)
                // One learner certificate per person even when both centres record a pass.
                #expect(try db.query("""
                    SELECT count(*) FROM (SELECT national_id FROM certificates WHERE track = 'learner'
                                          GROUP BY national_id HAVING count(*) > 1) x
                    """).scalar(Int.self) == 0)
            }
        }
    }
}
