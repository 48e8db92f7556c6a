import Foundation
import PostgresLibPQ

/// The append-only record of who did what. Subjects and details hold codes, dates and counts
/// only, never personal data.
public enum AuditLog {
    static func record(action: String, subject: String?, details: [String: String] = [:], on connection: PostgresConnection) throws {
        let json = try JSONText.string(details)
        try connection.query("""
            INSERT INTO audit_log (action, subject, details) VALUES (\(action), \(subject), \(json)::jsonb)
            """)
    }
}
