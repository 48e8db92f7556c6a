import Foundation
import HocAITestSupport
import Testing

/// docs/schema.sql is the schema the migrations build: a migration added without its dump
/// (scripts/schema-dump) fails here, naming the first line that differs.
struct SchemaDumpTests {
    @Test func theCommittedSchemaIsTheMigratedOne() throws {
        try TestDatabase.withDatabase { _, name in
            let url = try TestDatabase.databaseURL(for: name)
            let script = TestDatabase.repositoryRoot.appendingPathComponent("scripts/schema-dump").path
            let run = try HocAIProcess.run([script, "--of", url], databaseURL: nil, viaShell: true)
            #expect(run.status == 0, "\(run.stderr)")
            let migrated = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            let committed = try String(contentsOf: TestDatabase.repositoryRoot.appendingPathComponent("docs/schema.sql"), encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false)
            #expect(migrated.count > 1000, "pg_dump printed the schema")
            if let line = zip(migrated, committed).enumerated().first(where: { $0.element.0 != $0.element.1 }) {
                Issue.record("""
                    docs/schema.sql differs from the migrated schema at line \(line.offset + 1): \
                    committed "\(line.element.1)", migrated "\(line.element.0)". Run scripts/schema-dump and commit docs/schema.sql.
                    """)
            } else {
                #expect(migrated.count == committed.count, "docs/schema.sql is out of date: run scripts/schema-dump")
            }
        }
    }
}
