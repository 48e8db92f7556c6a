import HocAI
import PostgresLibPQ

/// CLI-only wording. Messages the library decides on live in the library.
enum Messages {
    /// A stable code and a message in the user's language for any error a command may meet.
    static func describe(_ error: any Error, language: Language) -> (code: String, message: String) {
        switch error {
        case let error as HocAIError:
            return ("\(error.code)", error.message(in: language))
        case let error as PostgresError where error.state == .readOnlySQLTransaction:
            let readOnly = HocAIError.databaseReadOnly()
            return ("\(readOnly.code)", readOnly.message(in: language))
        case let error as PostgresError where error.state.map(schemaMissing.contains) == true:
            let notReady = HocAIError.schemaNotReady()
            return ("\(notReady.code)", notReady.message(in: language))
        case let error as PostgresError:
            return (error.code == .connectionFailed ? "database.unreachable" : "database.error",
                    databaseError(error).text(in: language))
        default:
            return ("internal", LocalizedText(
                vi: "Đã xảy ra lỗi không mong đợi; chưa có gì thay đổi ngoài những gì đã báo. Chạy lại với --log-level debug và gửi cho quản trị.",
                en: "An unexpected error occurred; nothing changed beyond what was reported. Run again with --log-level debug and send it to the administrator.").text(in: language))
        }
    }

    /// What a database without hocai's schema (or an older one) answers: an undefined table,
    /// function or column.
    static let schemaMissing: Set<SQLState> = [.undefinedTable, .undefinedFunction, .undefinedColumn]

    static func databaseError(_ error: PostgresError) -> LocalizedText {
        if error.code == .connectionFailed {
            return LocalizedText(
                vi: "Không kết nối được PostgreSQL: \(error.message)\nĐặt --database-url hoặc DATABASE_URL (scripts/db url in ra URL của cơ sở dữ liệu cục bộ).",
                en: "Cannot connect to PostgreSQL: \(error.message)\nSet --database-url or DATABASE_URL (scripts/db url prints the local database's URL).")
        }
        if error.state.map(schemaMissing.contains) == true { return HocAIError.schemaNotReady().message }
        // The server's primary message names the rule; its DETAIL, which can quote data, is not shown.
        let state = error.sqlState ?? "-"
        return LocalizedText(
            vi: "Lỗi cơ sở dữ liệu (SQLSTATE \(state)): \(error.message). Chưa có gì được ghi.",
            en: "Database error (SQLSTATE \(state)): \(error.message). Nothing was written.")
    }
}
