import Foundation
import HocAI
import HocAITestSupport
import PostgresLibPQ
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Imports, results and revocations at the same time, in separate processes: the report's
/// summary stays equal to the plain recount whatever the interleaving, because every writer
/// takes the one import lock before it touches a person's contribution (issue: faults and
/// privacy, §3).
@Suite("Concurrent writers")
struct ConcurrentWritersTests {
    /// A centre's roster of 100 learners: 60 with a pass, 40 without a result yet.
    func roster(commune: String, fixtures: Fixtures, name: String) throws -> (url: URL, passed: [String], waiting: [(String, String)]) {
        var rows = [learnerHeader]
        var passed: [String] = [], waiting: [(String, String)] = []
        for index in 0..<100 {
            let male = index % 2 == 0
            let id = "019\(male ? 0 : 1)90\(String(format: "%06d", 200_000 + index))"
            let classCode = "TT01-R\(index / 25)"
            var row = ["Lê \(male ? "Văn" : "Thị") Số", id, "01/01/1990", male ? "Nam" : "Nữ", "", commune, classCode,
                       Cascade.instructor(index / 25), "01/06/2025", "", "", ""]
            if index < 60 {
                row[9] = "20/07/2025"; row[10] = "Đạt"; row[11] = "8"
                passed.append(id)
            } else {
                waiting.append((id, classCode))
            }
            rows.append(row)
        }
        return (try fixtures.write(name, Fixtures.csv(rows)), passed, waiting)
    }

    @Test(.hangGuard)
    func fiftyInterleavingsOfImportsResultsAndRevocationsKeepTheSummaryExact() throws {
        try withDatabaseAndFixtures { db, name, fixtures in
            try Cascade.prepare(db, fixtures: fixtures)
            let url = try TestDatabase.databaseURL(for: name)
            let first = try roster(commune: "05443", fixtures: fixtures, name: "r0.csv")
            #expect(try importRoster(db, first.url, kind: .learners).rejected == 0)
            let dates = [CalendarDate.today(), CalendarDate(year: 2025, month: 12, day: 31)!]
            let holder = try TestDatabase.connect(database: name)
            defer { holder.close() }
            for round in 1...50 {
                // Everyone moves (another commune each round), while one of them is revoked and
                // another gets a result, each in its own process.
                let moved = try roster(commune: round % 2 == 0 ? "05443" : "05830", fixtures: fixtures, name: "r\(round).csv")
                let revoked = try db.query("""
                    SELECT code FROM certificates WHERE national_id = \(first.passed[(round - 1) % first.passed.count])
                      AND track = 'learner' AND NOT revoked
                    """).first?.decode(String.self, at: 0)
                var commands = [["import", "learners", moved.url.path, "--center", "TT01", "--force"]]
                if let revoked { commands.append(["revoke", revoked, "--reason", "Vòng \(round)"]) }
                if round <= first.waiting.count {
                    let (id, classCode) = first.waiting[round - 1]
                    commands.append(["certify", "--national-id", id, "--class", classCode, "--result", "pass", "--date", "2025-08-0\(1 + round % 9)"])
                }
                // Every other round, the import is held in the middle of its merge (the people it
                // moves taken out of the summary, not yet added back) while the revocation and the
                // result start: they must wait for its lock, not slip in. The other rounds start
                // all three at once, in a different order each time.
                if round % 2 == 0 {
                    let key: Int64 = 737_373
                    try holder.query("SELECT pg_advisory_lock(\(key))")
                    let importing = try HocAIProcess.spawn(commands[0], databaseURL: url, environment: ["HOCAI_TEST_HOLD": "merging:\(key)"])
                    try waitUntil("round \(round): the import to hold in its merge") { try AdvisoryLock.seen(key, granted: false, on: db) }
                    let others = try commands.dropFirst().map { try HocAIProcess.spawn($0, databaseURL: url) }
                    // Waiting for a lock (the import lock; or, were a writer to skip it, a row the
                    // import holds), or done: then the import goes on.
                    try waitUntil("round \(round): the others to wait for a lock, or be done") {
                        try db.query("""
                            SELECT count(*) FROM pg_stat_activity
                            WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()
                            """).scalar(Int.self) >= 1 + others.filter(\.process.isRunning).count
                    }
                    try holder.query("SELECT pg_advisory_unlock(\(key))")
                    for (command, result) in zip(commands, [importing.wait()] + others.map { $0.wait() }) {
                        #expect(result.status == 0, "round \(round) \(command[0]): \(result.stderr)")
                    }
                } else {
                    if round % 4 == 1 { commands.reverse() } else { commands.swapAt(0, commands.count - 1) }
                    let results = try HocAIProcess.runConcurrently(commands, databaseURL: url)
                    for (command, result) in zip(commands, results) {
                        #expect(result.status == 0, "round \(round) \(command[0]): \(result.stderr)")
                    }
                }
                for date in dates {
                    let differences = try summaryDiffersFromRecount(db, asOf: date)
                    #expect(differences.isEmpty, "round \(round), as of \(date): \(differences.prefix(4))")
                    if !differences.isEmpty { return }
                }
            }
            #expect(try db.query("SELECT count(*) FROM revocations").scalar(Int.self) >= 50)
        }
    }

    /// The one lock order, made visible: a revocation waits while an import holds the lock.
    @Test(.hangGuard)
    func aRevocationWaitsForAnImportHoldingTheLock() throws {
        try withDatabaseAndFixtures { db, name, fixtures in
            try Cascade.prepare(db, fixtures: fixtures)
            let url = try TestDatabase.databaseURL(for: name)
            let first = try roster(commune: "05443", fixtures: fixtures, name: "r0.csv")
            _ = try importRoster(db, first.url, kind: .learners)
            let code = try db.query("SELECT code FROM certificates WHERE national_id = \(first.passed[0])").scalar(String.self)
            let moved = try roster(commune: "05830", fixtures: fixtures, name: "r1.csv")
            let key: Int64 = 626_262
            let holder = try TestDatabase.connect(database: name)
            defer { holder.close() }
            try holder.query("SELECT pg_advisory_lock(\(key))")
            let importing = try HocAIProcess.spawn(["import", "learners", moved.url.path, "--center", "TT01"], databaseURL: url,
                                                   environment: ["HOCAI_TEST_HOLD": "checks:\(key)"])
            try waitUntil("the import to hold its lock") { try AdvisoryLock.seen(key, granted: false, on: db) }
            let revoking = try HocAIProcess.spawn(["revoke", code, "--reason", "Thứ tự khoá"], databaseURL: url)
            try waitUntil("the revocation to wait for the import lock") {
                try AdvisoryLock.seen(RosterMergeLock.key, granted: false, on: db)
            }
            try holder.query("SELECT pg_advisory_unlock(\(key))")
            #expect(importing.wait().status == 0)
            #expect(revoking.wait().status == 0)
            #expect(try summaryDiffersFromRecount(db, asOf: CalendarDate.today()).isEmpty)
        }
    }
}
