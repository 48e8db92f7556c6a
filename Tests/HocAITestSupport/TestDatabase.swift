import Foundation
import HocAI
import Logging
import PostgresLibPQ
import Synchronization

/// A fresh PostgreSQL database for one test, made from a migrated template and dropped afterwards.
///
/// The server comes from `DATABASE_URL` (set by `scripts/test`). There is no skipping: without a
/// server every database test fails, saying how to start one.
public enum TestDatabase {
    /// The repository's root, found from this file's path.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static let sqlDirectory = repositoryRoot.appendingPathComponent("sql")

    public static var serverURL: String {
        get throws {
            try environmentURL("DATABASE_URL", need: "a real PostgreSQL", start: "scripts/db start", url: "scripts/db url")
        }
    }

    /// The URL in the environment variable `name`, or an error saying how to get it: no test
    /// runs without the server it needs.
    static func environmentURL(_ name: String, need: String, start: String, url: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            throw TestSupportError("\(name) is not set. These tests need \(need): run scripts/test, or \(start) and export \(name)=$(\(url)).")
        }
        return value
    }

    public static let logger: Logger = {
        var logger = Logger(label: "hocai.tests")
        logger.logLevel = .warning
        return logger
    }()

    /// Connects to the server's own database (from `DATABASE_URL`), or to `database` on it.
    public static func connect(database: String? = nil, logger: Logger = TestDatabase.logger) throws -> PostgresConnection {
        try open(try serverURL, database: database, logger: logger, hint: "is scripts/db running?")
    }

    /// A connection to `database` (or the URL's own) on the server at `url`; `hint` says what to
    /// start when it does not answer.
    static func open(_ url: String, database: String?, logger: Logger = TestDatabase.logger, hint: String) throws -> PostgresConnection {
        do {
            return try PostgresConnection(
                connectionString: url, overrides: database.map { [("dbname", $0)] } ?? [], logger: logger)
        } catch {
            throw TestSupportError("cannot reach \(url) (\(error)); \(hint)")
        }
    }

    /// A libpq connection string for `database` on the test server, for child processes.
    public static func databaseURL(for database: String) throws -> String {
        try connectionString(of: connect(database: database))
    }

    /// The connection's own parameters as a libpq string (no password), and the connection closed.
    static func connectionString(of connection: PostgresConnection) throws -> String {
        defer { connection.close() }
        return try connection.connectionString()
    }

    /// Runs `body` with a connection to a new database, dropped when `body` returns or throws.
    /// `migrated: false` gives an empty database, for the migration tests.
    public static func withDatabase<T>(
        migrated: Bool = true, _ body: (_ connection: PostgresConnection, _ name: String) throws -> T
    ) throws -> T {
        let scratch = try ScratchDatabase(migrated: migrated)
        defer { scratch.drop() }
        return try body(scratch.connection, scratch.name)
    }

    /// The same, for async work (a server under test).
    public static func withDatabase<T>(
        migrated: Bool = true, _ body: (_ connection: PostgresConnection, _ name: String) async throws -> T
    ) async throws -> T {
        let scratch = try ScratchDatabase(migrated: migrated)
        defer { scratch.drop() }
        return try await body(scratch.connection, scratch.name)
    }

    /// A database made for one test, with a connection to it.
    private struct ScratchDatabase {
        let name = "hocai_test_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))"
        let admin: PostgresConnection
        let connection: PostgresConnection

        init(migrated: Bool) throws {
            admin = try connect()
            do {
                let template = migrated ? try migratedTemplate() : "template0"
                try admin.execute(unsafeSQL: "CREATE DATABASE \(name) TEMPLATE \(template)")
                connection = try connect(database: name)
            } catch {
                _ = try? admin.execute(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
                admin.close()
                throw error
            }
        }

        func drop() {
            connection.close()
            do {
                try admin.execute(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            } catch {
                logger.warning("could not drop test database", metadata: ["database": "\(name)"])
            }
            admin.close()
        }
    }

    /// The migrations under test, from the repository's `sql/`.
    /// Sets the register's public address (`hocai public-url`), as its owner: what a server
    /// started on `database` must then serve.
    public static func setPublicURL(_ url: String, database: String) throws {
        let connection = try connect(database: database)
        defer { connection.close() }
        try PublicAddress.set(url, on: connection)
    }

    public static func migrations() throws -> [Migration] {
        try Migration.load(from: sqlDirectory)
    }

    private static let templateName = Mutex<String?>(nil)

    /// A database with every migration applied, built once per schema version and reused as the
    /// template of each test's database. Its name carries a hash of the migrations, so a changed
    /// schema builds a new one, and the old ones are dropped.
    static func migratedTemplate() throws -> String {
        try templateName.withLock { cached in
            if let cached { return cached }
            let migrations = try migrations()
            let fingerprint = String(migrations.map(\.checksum).joined().hashValueStable.prefix(12))
            let name = "hocai_template_\(fingerprint)"
            let admin = try connect()
            defer { admin.close() }
            // Another test process may build it at the same time: serialise on an advisory lock.
            try admin.query("SELECT pg_advisory_lock(7243)")
            defer { _ = try? admin.query("SELECT pg_advisory_unlock(7243)") }
            let exists = try admin.query("SELECT count(*) FROM pg_database WHERE datname = \(name)").scalar(Int.self) == 1
            if !exists {
                let building = name + "_building"
                try admin.execute(unsafeSQL: "DROP DATABASE IF EXISTS \(building) WITH (FORCE)")
                try admin.execute(unsafeSQL: "CREATE DATABASE \(building) TEMPLATE template0")
                do {
                    let connection = try connect(database: building)
                    try Migrator(migrations: migrations, logger: logger).run(on: connection)
                    connection.close()
                }
                // The server's role may sign in to the test cluster (trust authentication).
                try admin.execute(unsafeSQL: "ALTER ROLE hocai_server LOGIN")
                try admin.execute(unsafeSQL: "ALTER DATABASE \(building) RENAME TO \(name)")
                // The templates of earlier schema versions are of no more use to this cluster
                // (each checkout has its own, from scripts/db).
                let stale = try admin.query("""
                    SELECT datname FROM pg_database
                    WHERE datname ~ '^hocai_template_[0-9a-f]+$' AND datname <> \(name)
                    """).rows.map { try $0.decode(String.self, at: 0) }
                for old in stale { try admin.execute(unsafeSQL: "DROP DATABASE IF EXISTS \(old) WITH (FORCE)") }
            }
            cached = name
            return name
        }
    }
}

public struct TestSupportError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension String {
    /// A hex digest that is the same in every process (Swift's `hashValue` is seeded per run).
    var hashValueStable: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}

/// Advisory locks as `pg_locks` shows them (a bigint key is classid, the high half, and objid).
public enum AdvisoryLock {
    /// Whether another session of this database waits for `key` (`granted = false`), or holds it
    /// (`granted = true`). Advisory locks belong to a database: tests running at once in other
    /// databases do not count.
    public static func seen(_ key: Int64, granted: Bool, on db: PostgresConnection) throws -> Bool {
        let high = Int64(UInt64(bitPattern: key) >> 32), low = Int64(UInt64(bitPattern: key) & 0xFFFF_FFFF)
        return try db.query("""
            SELECT EXISTS (SELECT 1 FROM pg_locks
                           WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                             AND classid::bigint = \(high)
                           AND objid::bigint = \(low) AND objsubid = 1 AND granted = \(granted) AND pid <> pg_backend_pid())
            """).scalar(Bool.self)
    }
}
