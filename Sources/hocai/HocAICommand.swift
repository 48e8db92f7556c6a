import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

@main
struct HocAICommand: AsyncParsableCommand {
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
            VerifyCommand.self, CredentialCommand.self, CertificateCommand.self, KeysCommand.self, RevocationsCommand.self, ReportCommand.self,
            SampleRosterCommand.self, TemplateCommand.self, AccountCommand.self, PublicURLCommand.self, ConflictsCommand.self, ServeCommand.self,
        ]
    )

    static func main() async {
        // A file past the size limit (ulimit -f) is an error to report and clean up after, not
        // a signal that kills the process with a half-written temporary file left behind.
        signal(SIGXFSZ, SIG_IGN)
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
