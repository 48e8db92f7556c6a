import Foundation
import PostgresLibPQ

/// The hot standby of the test cluster (`scripts/db standby`, started by `scripts/test`), named by
/// `HOCAI_TEST_STANDBY_URL`. A test's database is made on the primary; the standby has it once
/// it has replayed that far (`waitForReplay`), never after a guessed time.
public enum TestStandby {
    public static var serverURL: String {
        get throws {
            try TestDatabase.environmentURL(
                "HOCAI_TEST_STANDBY_URL", need: "a real hot standby", start: "scripts/db standby start", url: "scripts/db standby url")
        }
    }

    /// Waits until the standby has replayed everything the primary had written when called.
    public static func waitForReplay(of primary: PostgresConnection, timeout: Duration = .seconds(60)) async throws {
        let target = try primary.query("SELECT pg_current_wal_lsn()::text").scalar(String.self)
        let standby = try connect()
        defer { standby.close() }
        try await waitFor("the standby to replay the primary up to \(target)", timeout: timeout) {
            try standby.query("SELECT pg_last_wal_replay_lsn() >= \(target)::pg_lsn").scalar(Bool?.self) == true
        }
    }

    /// Connects to `database` on the standby (the server's own database when nil).
    public static func connect(database: String? = nil) throws -> PostgresConnection {
        try TestDatabase.open(try serverURL, database: database, hint: "is scripts/db standby running?")
    }

    /// A libpq connection string for `database` on the standby, for child processes.
    public static func databaseURL(for database: String) throws -> String {
        try TestDatabase.connectionString(of: connect(database: database))
    }

    /// Stops applying the primary's changes (they still arrive, and wait) until `resumeReplay`.
    public static func pauseReplay() async throws {
        let standby = try connect()
        defer { standby.close() }
        try standby.query("SELECT pg_wal_replay_pause()")
        try await waitFor("the standby's replay to pause") {
            try standby.query("SELECT pg_get_wal_replay_pause_state()").scalar(String.self) == "paused"
        }
    }

    public static func resumeReplay() throws {
        let standby = try connect()
        defer { standby.close() }
        try standby.query("SELECT pg_wal_replay_resume()")
    }
}
