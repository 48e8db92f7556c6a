import HocAI
import PostgresLibPQ

/// CLI-only wording. Messages the library decides on live in the library.
enum Messages {
    /// A stable code and a message in the user's language for any error a command may meet.
    static func describe(_ error: any Error, language: Language) -> (code: String, message: String) {
        if let known = HocAIError.classifying(error) {
            var message = known.message(in: language)
            if known.code == .databaseUnavailable, let error = error as? PostgresError {
                // The operator at the command line is told what libpq said, and where the URL comes from.
                message += "\n" + LocalizedText(
                    vi: "PostgreSQL: \(error.message)\nĐặt --database-url hoặc DATABASE_URL (scripts/db url in ra URL của cơ sở dữ liệu cục bộ).",
                    en: "PostgreSQL: \(error.message)\nSet --database-url or DATABASE_URL (scripts/db url prints the local database's URL).").text(in: language)
            }
            return ("\(known.code)", message)
        }
        switch error {
        case let error as PostgresError:
            return ("database.error", databaseError(error).text(in: language))
        default:
            return ("internal", LocalizedText(
                vi: "Đã xảy ra lỗi không mong đợi; chưa có gì thay đổi ngoài những gì đã báo. Chạy lại với --log-level debug và gửi cho quản trị.",
                en: "An unexpected error occurred; nothing changed beyond what was reported. Run again with --log-level debug and send it to the administrator.").text(in: language))
        }
    }

    /// A database error the library does not classify: the server's primary message names the
    /// rule; its DETAIL, which can quote data, is not shown.
    static func databaseError(_ error: PostgresError) -> LocalizedText {
        let state = error.sqlState ?? "-"
        return LocalizedText(
            vi: "Lỗi cơ sở dữ liệu (SQLSTATE \(state)): \(error.message). Chưa có gì được ghi.",
            en: "Database error (SQLSTATE \(state)): \(error.message). Nothing was written.")
    }
}
