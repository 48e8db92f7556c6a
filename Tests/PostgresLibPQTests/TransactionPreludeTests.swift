import HocAITestSupport
import PostgresLibPQ
import Testing

/// `BEGIN` and the transaction's prelude wait for its first statement and go with it in one
/// round trip (libpq's pipeline mode); everything else behaves as if each had been sent alone.
@Suite("A transaction's prelude travels with its first statement")
struct TransactionPreludeTests {
    static let prelude: PostgresQuery = "SELECT set_config('hocai.test_scope', \("centre TT01"), true)"

    /// Runs `body` with a connection carrying the prelude, and a way to read what the server says
    /// that connection is doing (`pg_stat_activity.state`), from another connection.
    static func withWatchedConnection(_ body: (PostgresConnection, () throws -> String) throws -> Void) throws {
        try TestDatabase.withDatabase(migrated: false) { db, name in
            let watcher = try TestDatabase.connect(database: name)
            defer { watcher.close() }
            let pid = try db.query("SELECT pg_backend_pid()").scalar(Int.self)
            db.transactionPrelude = Self.prelude
            try body(db) { try watcher.query("SELECT state FROM pg_stat_activity WHERE pid = \(pid)").scalar(String.self) }
        }
    }

    @Test func everyStatementRunsUnderThePreludeAndNothingOutlivesTheTransaction() throws {
        try Self.withWatchedConnection { db, state in
            try db.execute(unsafeSQL: "CREATE TABLE t (n int)")
            try db.begin()
            // Nothing has reached the server yet.
            #expect(try state() == "idle")
            #expect(try db.query("SELECT current_setting('hocai.test_scope')").scalar(String.self) == "centre TT01")
            #expect(try state() == "idle in transaction")
            try db.query("INSERT INTO t VALUES (\(1))")
            #expect(try db.query("SELECT current_setting('hocai.test_scope')").scalar(String.self) == "centre TT01")
            try db.commit()
            #expect(try state() == "idle")
            db.transactionPrelude = nil
            #expect(try db.query("SELECT current_setting('hocai.test_scope', true)").scalar(String?.self) ?? "" == "")
            #expect(try db.query("SELECT count(*) FROM t").scalar(Int.self) == 1)
        }
    }

    @Test func aTransactionThatRunsNoStatementSendsNothing() throws {
        try Self.withWatchedConnection { db, state in
            try db.transaction { _ in }
            #expect(throws: CancelledByTest.self) { try db.transaction { _ in throw CancelledByTest() } }
            #expect(db.isIdle)
            #expect(db.transactionDepth == 0)
            #expect(try state() == "idle")
        }
    }

    @Test func aFailingPreludeFailsTheFirstStatementAndRollsBack() throws {
        try TestDatabase.withDatabase(migrated: false) { db, _ in
            try db.execute(unsafeSQL: "CREATE TABLE t (n int)")
            db.transactionPrelude = "SELECT 1 / \(0)"
            let error = #expect(throws: PostgresError.self) {
                try db.transaction { tx in try tx.query("INSERT INTO t VALUES (\(1))") }
            }
            #expect(error?.state == .divisionByZero)
            #expect(db.isIdle)
            db.transactionPrelude = nil
            #expect(try db.query("SELECT count(*) FROM t").scalar(Int.self) == 0)
        }
    }

    @Test func aFailingFirstStatementIsTheErrorAndTheConnectionStaysUsable() throws {
        try TestDatabase.withDatabase(migrated: false) { db, _ in
            try db.execute(unsafeSQL: "CREATE TABLE t (n int CHECK (n > 0))")
            db.transactionPrelude = Self.prelude
            let error = #expect(throws: PostgresError.self) {
                try db.transaction { tx in try tx.query("INSERT INTO t VALUES (\(-1))") }
            }
            #expect(error?.isCheckViolation == true)
            #expect(db.isIdle)
            let inserted = try db.transaction { tx in try tx.query("INSERT INTO t VALUES (\(2))").affectedRows }
            #expect(inserted == 1)
            #expect(try db.query("SELECT count(*) FROM t").scalar(Int.self) == 1)
        }
    }

    @Test func otherKindsOfFirstStatementOpenTheTransactionFirst() throws {
        try TestDatabase.withDatabase(migrated: false) { db, _ in
            try db.execute(unsafeSQL: "CREATE TABLE t (n int)")
            db.transactionPrelude = Self.prelude
            // A savepoint first.
            try db.transaction { tx in
                _ = try tx.transaction { inner in try inner.query("INSERT INTO t VALUES (\(1))") }
                #expect(try tx.query("SELECT current_setting('hocai.test_scope')").scalar(String.self) == "centre TT01")
            }
            // Text SQL first, then a stream.
            try db.transaction { tx in
                let setting = try tx.execute(unsafeSQL: "SELECT current_setting('hocai.test_scope')").scalar(String.self)
                #expect(setting == "centre TT01")
                var seen: [String] = []
                try tx.stream("SELECT current_setting('hocai.test_scope')") { seen.append(try $0.decode(String.self, at: 0)) }
                #expect(seen == ["centre TT01"])
            }
            // A stream first.
            try db.transaction { tx in
                var seen: [String] = []
                try tx.stream("SELECT current_setting('hocai.test_scope')") { seen.append(try $0.decode(String.self, at: 0)) }
                #expect(seen == ["centre TT01"])
            }
            #expect(db.isIdle)
            #expect(try db.query("SELECT count(*) FROM t").scalar(Int.self) == 1)
        }
    }

    @Test func anInterruptedTransactionSendsNothingAndEndsClean() throws {
        try TestDatabase.withDatabase(migrated: false) { db, _ in
            db.transactionPrelude = Self.prelude
            db.interruption = { true }
            let error = #expect(throws: PostgresError.self) { try db.transaction { tx in try tx.query("SELECT 1") } }
            #expect(error?.code == .interrupted)
            db.interruption = nil
            #expect(db.isIdle)
            #expect(db.transactionDepth == 0)
            let one = try db.query("SELECT 1").scalar(Int.self)
            #expect(one == 1)
        }
    }
}

private struct CancelledByTest: Error {}
