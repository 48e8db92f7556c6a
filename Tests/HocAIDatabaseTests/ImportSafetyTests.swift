import Foundation
import HocAI
import HocAITestSupport
import PostgresLibPQ
import Testing

/// Nothing half-written: dry runs, all-or-nothing, a killed process, two imports at once.
@Suite("Import: transactions and concurrency")
struct ImportSafetyTests {
    @Test func aDryRunChecksEverythingAndWritesNothing() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
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

    @Test func allOrNothingCommitsNothingWhenARowIsRejected() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
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

    /// Killed at each moment of its work, found by what the database shows, not by time: in the
    /// middle of its COPY, holding the import lock before the checks, and with everything written
    /// but the commit (the import waits at its test points while the test holds an advisory
    /// lock). Each time the database is as it was.
    @Test(.hangGuard, arguments: ["reading", "checks", "commit"])
    func killingTheImportAtAnyMomentLeavesTheDatabaseAsItWas(_ moment: String) throws {
        try withDatabaseAndFixtures { db, name, fixtures in
            try Cascade.prepare(db, fixtures: fixtures)
            let before = try snapshot(db)
            let (url, _) = try fixtures.sample("big.csv", kind: .learners, rows: 10_000)
            let databaseURL = try TestDatabase.databaseURL(for: name)
            let key: Int64 = 515_151
            let holder = try TestDatabase.connect(database: name)
            defer { holder.close() }
            try holder.query("SELECT pg_advisory_lock(\(key))")
            let holderPID = try holder.query("SELECT pg_backend_pid()").scalar(Int.self)
            let running = try HocAIProcess.spawn(
                ["import", "learners", url.path, "--center", Cascade.center, "--force"], databaseURL: databaseURL,
                environment: ["HOCAI_TEST_HOLD": "\(moment):\(key)"])
            try waitUntil("the import to reach \(moment)") { try AdvisoryLock.seen(key, granted: false, on: db) }
            switch moment {
            case "reading":
                #expect(try db.query("""
                    SELECT count(*) FROM pg_stat_activity WHERE datname = \(name) AND query LIKE 'COPY stage%'
                    """).scalar(Int.self) == 1, "the import is in its COPY")
            default:
                #expect(try AdvisoryLock.seen(RosterMergeLock.key, granted: true, on: db), "the import holds its lock")
            }
            kill(running.process.processIdentifier, SIGKILL)
            _ = running.wait()
            // Let go: a session blocked on the lock notices its client is gone once it runs again.
            try holder.query("SELECT pg_advisory_unlock(\(key))")
            // The server notices the dead client and rolls back; wait for its backend to go.
            try waitUntil("the killed import's session to end") {
                try db.query("""
                    SELECT count(*) FROM pg_stat_activity
                    WHERE datname = \(name) AND application_name = 'hocai' AND pid NOT IN (pg_backend_pid(), \(holderPID))
                    """).scalar(Int.self) == 0
            }
            #expect(try snapshot(db) == before, "killed while \(moment)")
            #expect(try db.query("SELECT count(*) FROM report_events WHERE target_group = 'learners'").scalar(Int.self) == 0)
            let finished = try HocAIProcess.run(["import", "learners", url.path, "--center", Cascade.center], databaseURL: databaseURL)
            #expect(finished.status == 0, "\(finished.stderr)")
            #expect(try count(db, "people") == before[0] + 10_000)
        }
    }

    @Test func twoImportsAtOnceWithOverlappingPeopleBothFinishWithoutDuplicates() throws {
        try withDatabaseAndFixtures { db, name, fixtures in
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
