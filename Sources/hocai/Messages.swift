import HocAI
import PostgresLibPQ

/// CLI-only wording. Messages the library decides on live in the library.
enum Messages {
    static func databaseError(_ error: PostgresError) -> LocalizedText {
        if error.code == .connectionFailed {
            return LocalizedText(
                vi: "Không kết nối được PostgreSQL: \(error.message)\nĐặt --database-url hoặc DATABASE_URL (scripts/db url in ra URL của cơ sở dữ liệu cục bộ).",
                en: "Cannot connect to PostgreSQL: \(error.message)\nSet --database-url or DATABASE_URL (scripts/db url prints the local database's URL).")
        }
        if error.sqlState == "42P01" {
            return HocAIError.schemaNotReady().message  // undefined_table: not migrated yet
        }
        let state = error.sqlState ?? "-"
        return LocalizedText(
            vi: "Lỗi cơ sở dữ liệu (SQLSTATE \(state)): \(error.message)",
            en: "Database error (SQLSTATE \(state)): \(error.message)")
    }
}
