import ArgumentParser
import Foundation
import HocAI
import Logging
import PostgresLibPQ

/// Options every command shares: where the database is, the message language, logging.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "PostgreSQL URL or libpq connection string (default: $DATABASE_URL, then libpq's PG* variables).")
    var databaseURL: String?

    @Option(name: .long, help: "Language of messages: vi (default) or en.")
    var lang: LanguageOption = .vi

    @Option(name: .long, help: "Log level on stderr: trace, debug, info, notice, warning, error, critical.")
    var logLevel: LogLevelOption = .warning

    var language: Language { lang.language }

    var logger: Logger {
        var logger = Logger(label: "hocai") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = logLevel.level
        return logger
    }

    func connect() throws -> PostgresConnection {
        let url = databaseURL ?? ProcessInfo.processInfo.environment["DATABASE_URL"]
        return try PostgresConnection(connectionString: url, logger: logger)
    }

    /// Connects, runs `body`, closes: a command's database work, with errors reported as `report` does.
    func withConnection<T>(json: Bool = false, _ body: (PostgresConnection) throws -> T) throws -> T {
        try report(json: json) {
            let connection = try connect()
            defer { connection.close() }
            return try body(connection)
        }
    }

    /// Runs a command's work, turning errors into a message in the user's language on stderr and
    /// exit 1; with `json`, the same as one JSON object on stdout (`{"error": {"code", "message"}}`),
    /// for whatever failed. No stack trace, SQL or raw system error reaches the user.
    func report<T>(json: Bool = false, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw failure(error, json: json)
        }
    }

    /// `report` for work that waits (the server's run).
    func report<T>(json: Bool = false, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            throw failure(error, json: json)
        }
    }

    private func failure(_ error: any Error, json: Bool) -> ExitCode {
        if let exit = error as? ExitCode { return exit }
        let (code, message) = Messages.describe(error, language: language)
        logger.debug("command failed", metadata: ["code": "\(code)", "error": "\(String(reflecting: type(of: error)))"])
        Console.error(message)
        if json { Console.printJSON(["error": ["code": code, "message": message]]) }
        return ExitCode.failure
    }
}

enum LanguageOption: String, ExpressibleByArgument, CaseIterable {
    case vi, en
    var language: Language {
        switch self {
        case .vi: .vi
        case .en: .en
        }
    }
}

enum LogLevelOption: String, ExpressibleByArgument, CaseIterable {
    case trace, debug, info, notice, warning, error, critical
    var level: Logger.Level { Logger.Level(rawValue: rawValue) ?? .warning }
}
