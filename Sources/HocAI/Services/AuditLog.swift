import PostgresLibPQ

/// The append-only record of who did what. Subjects and details hold codes and counts only.
public enum AuditLog {
    static func record(action: String, subject: String?, details: String = "{}", on connection: PostgresConnection) throws {
        try connection.query("""
            INSERT INTO audit_log (action, subject, details) VALUES (\(action), \(subject), \(details)::jsonb)
            """)
    }
}
