import ArgumentParser

@main
struct HocAICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hocai",
        abstract: "Theo dõi chương trình \"Bình dân học AI\" của tỉnh Thái Nguyên.",
        discussion: """
            Tracker for Thái Nguyên's "Bình dân học AI" programme: rosters, certificates and progress \
            toward the province's targets. Connects with --database-url, else DATABASE_URL, else \
            libpq's defaults (PGHOST, PGPORT, PGUSER, PGDATABASE, ~/.pgpass).
            """,
        subcommands: [
            MigrateCommand.self, CenterCommand.self, ImportCommand.self, CertifyCommand.self, RevokeCommand.self,
            VerifyCommand.self, CredentialCommand.self, KeysCommand.self, RevocationsCommand.self, ReportCommand.self,
            SampleRosterCommand.self,
        ]
    )
}
