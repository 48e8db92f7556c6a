import Foundation
import HocAI
import PostgresLibPQ

/// An import job as its account may see it (row-level security decides which), for the API
/// (`object`) and the pages (`CentrePage`, `JobPage`); the one home of the SQL that reads jobs.
struct JobRecord: Sendable {
    let id: UUID
    let kind: String
    let center: String?
    let status: String
    let fileName: String
    let size: Int
    let dryRun: Bool
    let allOrNothing: Bool
    let summary: String?
    let error: String?
    let hasRejects: Bool
    let createdAt: String
    let finishedAt: String?
    /// How far it is, as the server running it last wrote (while it runs).
    let progress: RosterImporter.Progress?

    init(row: PostgresRow) throws {
        (id, kind, center, status, fileName, size, dryRun, allOrNothing, summary, error, hasRejects, createdAt, finishedAt) =
            try row.decode((UUID, String, String?, String, String, Int, Bool, Bool, String?, String?, Bool, String, String?).self)
        let (rows, bytesRead, totalBytes) = try row.decode((Int?, Int?, Int?).self, startingAt: 13)
        if status == "running", let rows, let bytesRead, let totalBytes {
            progress = RosterImporter.Progress(rows: rows, bytesRead: bytesRead, totalBytes: totalBytes)
        } else {
            progress = nil
        }
    }

    /// The job named in the path (`{id}`), if the account may see it (row-level security
    /// decides); `not_found` otherwise. The API's and the job page's one way.
    static func named(in context: HocAIContext, _ database: ServerDatabase) async throws -> (JobRecord, UUID) {
        let account = try context.account()
        let id = try context.parameters.resource("id", UUID.init(uuidString:))
        guard let job = try await database(.acting(as: account), context, { try JobRecord.find(id, $0) }) else {
            throw HocAIError.notFound()
        }
        return (job, id)
    }

    /// The account's most recent jobs, newest first.
    static func recent(_ connection: PostgresConnection, limit: Int) throws -> [JobRecord] {
        try connection.query("\(unescaped: columns) ORDER BY created_at DESC LIMIT \(limit)").rows.map(JobRecord.init(row:))
    }

    /// The job `id`, if the account may see it.
    static func find(_ id: UUID, _ connection: PostgresConnection) throws -> JobRecord? {
        try connection.query("\(unescaped: columns) WHERE id = \(id)").first.map(JobRecord.init(row:))
    }

    /// A job and, while it runs, how far it is as its server last wrote (any server's job).
    private static let columns = """
        SELECT id, kind, center_code, status, file_name, size, dry_run, all_or_nothing, summary::text, error::text, has_rejects,
               to_char(created_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"'),
               to_char(finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"'),
               p.rows_read, p.bytes_read, p.total_bytes
        FROM import_jobs LEFT JOIN import_job_progress p ON p.job_id = id
        """

    var fileStem: String { (fileName as NSString).deletingPathExtension }

    /// The job's address in the API (its rejects are under it, `/rejects`).
    static func url(_ id: UUID) -> String { "/api/v1/jobs/\(id.uuidString.lowercased())" }

    var url: String { Self.url(id) }

    /// The job's page.
    static func page(_ id: UUID) -> String { "/jobs/\(id.uuidString.lowercased())" }

    func object(progress: RosterImporter.Progress?) -> [String: Any] {
        var object: [String: Any] = [
            "id": id.uuidString.lowercased(), "kind": kind, "status": status, "file_name": fileName, "size": size,
            "dry_run": dryRun, "all_or_nothing": allOrNothing, "created_at": createdAt, "url": url,
        ]
        object["center"] = center
        object["finished_at"] = finishedAt
        if let summary, var value = try? JSONSerialization.jsonObject(with: Data(summary.utf8)) as? [String: Any] {
            // The server's own path of the rejects file is its business: the API gives its URL.
            value["rejects_file"] = nil
            object["summary"] = value
        }
        if let error, let value = try? JSONSerialization.jsonObject(with: Data(error.utf8)) { object["error"] = value }
        if hasRejects { object["rejects_url"] = url + "/rejects" }
        if let progress {
            object["progress"] = [
                "rows": progress.rows, "bytes_read": progress.bytesRead, "total_bytes": progress.totalBytes,
                "percent": progress.percent,
            ]
        }
        return object
    }
}
