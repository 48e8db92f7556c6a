import Logging
import PostgresLibPQ

/// Applies the pending schema migrations.
///
/// Each file runs in its own transaction and is recorded in `schema_migrations` with its checksum.
/// A session advisory lock serialises concurrent runs: the second waits, then finds nothing to do.
/// An applied file whose checksum changed is an error, never a silent skip.
public struct Migrator: Sendable {
    /// Key of the advisory lock (ASCII "hocaimig").
    static let lockKey: Int64 = 0x686F_6361_696D_6967

    public let migrations: [Migration]
    public let logger: Logger

    public init(migrations: [Migration], logger: Logger) {
        self.migrations = migrations
        self.logger = logger
    }

    public struct Outcome: Sendable, Equatable {
        public var applied: [Migration]
        public var alreadyApplied: Int
    }

    @discardableResult
    public func run(on connection: PostgresConnection) throws -> Outcome {
        try connection.query("SELECT pg_advisory_lock(\(Self.lockKey))")
        defer {
            do {
                try connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))")
            } catch {
                logger.warning("could not release the migration lock", metadata: ["error": "\(error)"])
            }
        }
        try connection.execute(unsafeSQL: """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(),
                applied_by text NOT NULL DEFAULT current_user
            )
            """)
        var recorded: [Int: (name: String, checksum: String)] = [:]
        for row in try connection.query("SELECT version, name, checksum FROM schema_migrations").rows {
            let (version, name, checksum) = try row.decode((Int, String, String).self)
            recorded[version] = (name, checksum)
        }
        for migration in migrations {
            if let applied = recorded[migration.version], applied.checksum != migration.checksum {
                throw HocAIError.migrationChanged(name: migration.name)
            }
        }
        var outcome = Outcome(applied: [], alreadyApplied: 0)
        for migration in migrations {
            if recorded[migration.version] != nil {
                outcome.alreadyApplied += 1
                continue
            }
            logger.info("applying migration", metadata: ["migration": "\(migration.name)"])
            try connection.transaction { connection in
                try connection.execute(unsafeSQL: migration.sql)
                try connection.query("""
                    INSERT INTO schema_migrations (version, name, checksum)
                    VALUES (\(migration.version), \(migration.name), \(migration.checksum))
                    """)
            }
            outcome.applied.append(migration)
        }
        let unknown = Set(recorded.keys).subtracting(migrations.map(\.version))
        if !unknown.isEmpty {
            logger.warning("the database has migrations this build does not know", metadata: [
                "versions": "\(unknown.sorted())",
            ])
        }
        return outcome
    }
}
