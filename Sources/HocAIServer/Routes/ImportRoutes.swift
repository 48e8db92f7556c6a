import Foundation
import HocAI
import Hummingbird
import NIOPosix

/// Rosters and results files: the body is the CSV, streamed to a private file (413 past the
/// limit), then imported as a job (202, `Location:` the job, under `/api/v1/jobs`). The job shows its progress, then
/// the same summary as `hocai import --format json`; its rejects file is for its own centre (and
/// administrators) to download.
struct ImportRoutes {
    let server: HocAIServer

    func add(to router: Router<HocAIContext>) {
        router.post("/api/v1/imports/{kind}") { request, context in
            try await submit(request, context)
        }
        router.get("/api/v1/jobs") { _, context in
            let account = try context.account(.admin, .centre, .instructor)
            let jobs = try await server.database(.acting(as: account), context) { connection in
                try connection.query("\(unescaped: Self.jobColumns) \(unescaped: Self.jobTables) ORDER BY created_at DESC LIMIT 200").rows
                    .map { try JobJSON(row: $0) }
            }
            return try Reply.json(["jobs": jobs.map { $0.object(progress: nil) }])
        }
        router.get("/api/v1/jobs/{id}") { _, context in
            let (job, id) = try await find(context)
            return try Reply.json(job.object(progress: server.jobs.progress.get(id) ?? job.progress))
        }
        router.get("/api/v1/jobs/{id}/rejects") { _, context in
            let (job, id) = try await find(context)
            guard job.hasRejects else { throw HocAIError.notFound() }
            // Kept in the register by the server that ran the job (sql/016): any server answers.
            guard let data = try await server.database(.acting(as: context.account(.admin, .centre, .instructor)), context, { connection in
                try ImportJobs.rejects(of: id, on: connection)
            }) else { throw HocAIError.notFound() }
            // A workbook's rejects are a workbook (`RejectsWorkbook`), told by its bytes.
            let format = RosterFormat.of(data)
            return Reply.body(data, type: format == .xlsx ? WorkbookWriter.mediaType : "text/csv; charset=utf-8", headers: [
                .contentDisposition: "attachment; filename=\"\(job.fileStem).rejects.\(format.fileExtension)\"",
            ])
        }
    }

    /// A job and, while it runs, how far it is as its server last wrote (any server's job).
    static let jobColumns = """
        SELECT id, kind, center_code, status, file_name, size, dry_run, all_or_nothing, summary::text, error::text, has_rejects,
               to_char(created_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"'),
               to_char(finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"'),
               p.rows_read, p.bytes_read, p.total_bytes
        """

    /// The tables `jobColumns` reads.
    static let jobTables = "FROM import_jobs LEFT JOIN import_job_progress p ON p.job_id = id"

    /// The job named in the path, if the account may see it (row-level security decides).
    func find(_ context: HocAIContext) async throws -> (JobJSON, UUID) {
        let account = try context.account(.admin, .centre, .instructor)
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw HocAIError.notFound() }
        guard let job = try await server.database(.acting(as: account), context, { connection in
            try connection.query("\(unescaped: Self.jobColumns) \(unescaped: Self.jobTables) WHERE id = \(id)").first.map { try JobJSON(row: $0) }
        }) else { throw HocAIError.notFound() }
        return (job, id)
    }

    private func submit(_ request: Request, _ context: HocAIContext) async throws -> Response {
        let account = try context.account(.admin, .centre, .instructor)
        guard let kind = context.parameters.get("kind").flatMap(RosterKind.init(rawValue:)) else { throw HocAIError.notFound() }
        var asked = ImportRequest(kind: kind, center: request.query("center"))
        asked.dryRun = request.flag("dry_run")
        asked.allOrNothing = request.flag("all_or_nothing")
        asked.force = request.flag("force")
        asked.fileName = request.query("file_name")
        let submission = ImportSubmission(server: server)
        let allowed = try submission.authorize(asked, by: account, context: context)
        let limit = server.configuration.uploadLimit
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw HocAIError.tooLarge(limit: limit) }
        let id = UUID()
        let size = try await Upload.receive(request.body, into: server.jobs.uploadURL(id), limit: limit)
        try await submission.start(id: id, request: allowed, account: account, size: size, context: context)
        let location = "/api/v1/jobs/\(id.uuidString.lowercased())"
        return try Reply.json(["id": id.uuidString.lowercased(), "status": "queued", "url": location], status: .accepted,
                              headers: [.location: location])
    }
}

/// An import job as the API shows it.
struct JobJSON: Sendable {
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

    var fileStem: String { (fileName as NSString).deletingPathExtension }

    func object(progress: RosterImporter.Progress?) -> [String: Any] {
        let url = "/api/v1/jobs/\(id.uuidString.lowercased())"
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

import PostgresLibPQ
