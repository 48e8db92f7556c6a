import ArgumentParser
import HocAI

struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Áp dụng các tệp lược đồ sql/ còn thiếu (apply pending schema migrations)."
    )

    @OptionGroup var options: GlobalOptions

    @Option(name: .long, help: "Folder of NNN_name.sql files (default: $HOCAI_SQL_DIR, else ./sql or the checkout's sql/).")
    var sqlDir: String?

    func run() throws {
        let migrations = try options.report { try Migration.load(from: Migration.locateDirectory(explicit: sqlDir)) }
        try options.withConnection { connection in
            let outcome = try Migrator(migrations: migrations, logger: options.logger).run(on: connection)
            for migration in outcome.applied {
                Console.print(options.language.text(.migrationApplied(migration.name)))
            }
            if outcome.applied.isEmpty {
                Console.print(options.language.text(.schemaUpToDate(files: outcome.alreadyApplied)))
            }
        }
    }
}
