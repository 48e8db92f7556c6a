import HocAI
import PostgresLibPQ

/// A finished import batch as the lists show it (the API's `/api/v1/batches`, a centre's page):
/// its counts, and the file's name, which is the clerk's choice and may name someone, so not for
/// officials. Row-level security decides which batches an account sees.
struct BatchRow: Sendable {
    static let countKeys = ["rows", "accepted", "rejected", "held", "inserted", "updated", "unchanged", "duplicates", "warnings"]

    let id: Int
    let kind: String
    let center: String?
    let fileName: String
    let startedAt: String
    /// In the order of `countKeys`.
    let counts: [Int]

    static func recent(_ connection: PostgresConnection, limit: Int) throws -> [BatchRow] {
        try connection.query("""
            SELECT id, kind, center_code, file_name,
                   to_char(started_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"'),
                   rows_read, accepted, rejected, held, inserted, updated, unchanged, duplicates, warnings
            FROM import_batches WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT \(limit)
            """).rows.map { row in
                let (id, kind, center, file, started) = try row.decode((Int, String, String?, String, String).self)
                return BatchRow(id: id, kind: kind, center: center, fileName: file, startedAt: started,
                                counts: try countKeys.indices.map { try row.decode(Int.self, at: 5 + $0) })
            }
    }

    func object(official: Bool) -> [String: Any] {
        var object: [String: Any] = ["id": id, "kind": kind, "started_at": startedAt]
        object["center"] = center
        if !official { object["file_name"] = fileName }
        for (key, count) in zip(Self.countKeys, counts) { object[key] = count }
        return object
    }
}
