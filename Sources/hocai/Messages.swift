import HocAI
import PostgresLibPQ

/// A failure as the command line says it: the library's classification and wording, and, for the
/// operator at a terminal, what libpq said and where the database URL comes from.
enum Messages {
    /// A stable code and a message in the user's language for any error a command may meet.
    static func describe(_ error: any Error, language: Language) -> (code: String, message: String) {
        if let known = HocAIError.classifying(error) {
            var message = known.message(in: language)
            if known.code == .databaseUnavailable, let error = error as? PostgresError {
                message += "\n" + language.text(.databaseUnreachable(error.message))
            }
            return ("\(known.code)", message)
        }
        switch error {
        case let error as PostgresError:
            // The server's primary message names the rule; its DETAIL, which can quote data, is not shown.
            return ("database.error", language.text(.databaseError(state: error.sqlState ?? "-", message: error.message)))
        default:
            return ("internal", language.text(.unexpectedError))
        }
    }
}
