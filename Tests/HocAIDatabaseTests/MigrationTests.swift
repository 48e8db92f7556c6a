import Foundation
import HocAI
import HocAITestSupport
import PostgresLibPQ
import Testing

@Suite("Schema migrations")
struct MigrationTests {
    @Test func aSecondRunAppliesNothing() throws {
        try TestDatabase.withDatabase(migrated: false) { db, _ in
            let migrator = Migrator(migrations: try TestDatabase.migrations(), logger: TestDatabase.logger)
            let first = try migrator.run(on: db)
            #expect(first.applied.count == migrator.migrations.count)
            #expect(first.alreadyApplied == 0)
            let second = try migrator.run(on: db)
            #expect(second.applied.isEmpty)
            #expect(second.alreadyApplied == migrator.migrations.count)
            #expect(try db.query("SELECT count(*) FROM schema_migrations").scalar(Int.self) == migrator.migrations.count)
        }
    }

    @Test func twoConcurrentRunsBothSucceedAndApplyEachFileOnce() throws {
        try TestDatabase.withDatabase(migrated: false) { db, name in
            let migrations = try TestDatabase.migrations()
            let outcomes = Outcomes()
            let group = DispatchGroup()
            for _ in 0..<2 {
                DispatchQueue.global().async(group: group) {
                    do {
                        let connection = try TestDatabase.connect(database: name)
                        defer { connection.close() }
                        outcomes.add(.success(try Migrator(migrations: migrations, logger: TestDatabase.logger).run(on: connection)))
                    } catch {
                        outcomes.add(.failure("\(error)"))
                    }
                }
            }
            group.wait()
            let results = outcomes.all
            #expect(results.count == 2)
            let applied = results.compactMap { if case .success(let outcome) = $0 { outcome.applied.count } else { nil } }
            #expect(applied.count == 2, "both runs succeed: \(results)")
            #expect(applied.sorted() == [0, migrations.count])
            #expect(try db.query("SELECT count(*) FROM schema_migrations").scalar(Int.self) == migrations.count)
        }
    }

    @Test func aChangedAppliedFileIsAnError() throws {
        try TestDatabase.withDatabase(migrated: false) { db, _ in
            var migrations = try TestDatabase.migrations()
            try Migrator(migrations: migrations, logger: TestDatabase.logger).run(on: db)
            let first = migrations[0]
            migrations[0] = Migration(version: first.version, name: first.name, sql: first.sql + "\n-- edited\n")
            let error = #expect(throws: HocAIError.self) {
                try Migrator(migrations: migrations, logger: TestDatabase.logger).run(on: db)
            }
            #expect(error?.code == .migrationChanged)
            #expect(error?.message(in: .en).contains(first.name) == true)
        }
    }

    @Test func aFailingFileLeavesNoTraceAndStopsTheRun() throws {
        try TestDatabase.withDatabase(migrated: false) { db, _ in
            let migrations = [
                Migration(version: 1, name: "001_ok.sql", sql: "CREATE TABLE a (n int);"),
                Migration(version: 2, name: "002_bad.sql", sql: "CREATE TABLE b (n int); SELECT * FROM missing_table;"),
                Migration(version: 3, name: "003_never.sql", sql: "CREATE TABLE c (n int);"),
            ]
            #expect(throws: PostgresError.self) {
                try Migrator(migrations: migrations, logger: TestDatabase.logger).run(on: db)
            }
            let tables = try db.query("""
                SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'
                """).scalar(String.self)
            #expect(tables == "a,schema_migrations")
            #expect(try db.query("SELECT string_agg(name, ',') FROM schema_migrations").scalar(String.self) == "001_ok.sql")
        }
    }

    @Test func loadingRefusesTwoFilesWithOneVersion() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hocai-mig-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "SELECT 1;".write(to: directory.appendingPathComponent("001_a.sql"), atomically: true, encoding: .utf8)
        try "SELECT 2;".write(to: directory.appendingPathComponent("001_b.sql"), atomically: true, encoding: .utf8)
        try "notes".write(to: directory.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        let error = #expect(throws: HocAIError.self) { try Migration.load(from: directory) }
        #expect(error?.code == .duplicateMigration)
    }
}

/// Results gathered from two threads.
private final class Outcomes: @unchecked Sendable {
    enum Result { case success(Migrator.Outcome), failure(String) }
    private let lock = NSLock()
    private var results: [Result] = []
    func add(_ result: Result) { lock.withLock { results.append(result) } }
    var all: [Result] { lock.withLock { results } }
}
