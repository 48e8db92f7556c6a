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
            let jobs = try await server.database(.reading(as: account), context) { connection in
                try connection.query("\(unescaped: Self.jobColumns) FROM import_jobs ORDER BY created_at DESC LIMIT 200").rows
                    .map { try JobJSON(row: $0) }
            }
            return try Reply.json(["jobs": jobs.map { $0.object(progress: nil) }])
        }
        router.get("/api/v1/jobs/{id}") { _, context in
            let (job, id) = try await find(context)
            return try Reply.json(job.object(progress: server.jobs.progress.get(id)))
        }
        router.get("/api/v1/jobs/{id}/rejects") { _, context in
            let (job, id) = try await find(context)
            guard job.hasRejects else { throw HocAIError.notFound() }
            let url = server.jobs.rejectsURL(id)
            let data = try await NIOThreadPool.singleton.runIfActive { try Data(contentsOf: url) }
            return Reply.body(data, type: "text/csv; charset=utf-8", headers: [
                .contentDisposition: "attachment; filename=\"\(job.fileStem).rejects.csv\"",
            ])
        }
    }

    static let jobColumns = """
        SELECT id, kind, center_code, status, file_name, size, dry_run, all_or_nothing, summary::text, error::text, has_rejects,
               to_char(created_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"'),
               to_char(finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"')
        """

    /// The job named in the path, if the account may see it (row-level security decides).
    private func find(_ context: HocAIContext) async throws -> (JobJSON, UUID) {
        let account = try context.account(.admin, .centre, .instructor)
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw HocAIError.notFound() }
        guard let job = try await server.database(.reading(as: account), context, { connection in
            try connection.query("\(unescaped: Self.jobColumns) FROM import_jobs WHERE id = \(id)").first.map { try JobJSON(row: $0) }
        }) else { throw HocAIError.notFound() }
        return (job, id)
    }

    private func submit(_ request: Request, _ context: HocAIContext) async throws -> Response {
        let account = try context.account(.admin, .centre, .instructor)
        guard let kind = context.parameters.get("kind").flatMap(RosterKind.init(rawValue:)) else { throw HocAIError.notFound() }
        // Who may send what: experts the administrators; a centre its own rosters; an instructor
        // results (row-level security keeps them to their own classes).
        var center = request.query("center").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.flatMap { $0.isEmpty ? nil : $0 }
        switch (account.role, kind) {
        case (.admin, .experts): center = nil
        case (.admin, _): break
        case (.centre, .instructors), (.centre, .learners), (.centre, .completions):
            center = center ?? account.centerCode
            guard center == account.centerCode else { throw HocAIError.forbidden() }
        case (.instructor, .completions): break
        default: throw HocAIError.forbidden()
        }
        if kind.needsCenter && center == nil {
            throw Problem.invalid("center", context.language, vi: "cần mã trung tâm (?center=)", en: "the centre's code is needed (?center=)")
        }
        if let code = center {
            // A centre that does not exist is named as such (404), before the file is read.
            center = try await server.database(.reading(as: account), context) { connection in
                try CenterService(connection: connection, logger: connection.logger).require(code).code
            }
        }
        let limit = server.configuration.uploadLimit
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw HocAIError.tooLarge(limit: limit) }
        let centerCode = center
        let id = UUID()
        let file = server.jobs.uploadURL(id)
        let size = try await receive(request.body, into: file, limit: limit)
        let fileName = Self.fileName(request.query("file_name"), kind: kind)
        let job = ImportJobs.Job(
            id: id, kind: kind, center: center, account: account, file: file, fileName: fileName,
            dryRun: request.flag("dry_run"), allOrNothing: request.flag("all_or_nothing"), force: request.flag("force"),
            language: context.language)
        do {
            try await server.database(.reading(as: account), context) { connection in
                try connection.query("""
                    INSERT INTO import_jobs (id, kind, center_code, account_id, file_name, size, dry_run, all_or_nothing)
                    VALUES (\(id), \(kind.rawValue), \(centerCode), \(account.id), \(fileName), \(size), \(job.dryRun), \(job.allOrNothing))
                    """)
            }
            try await server.jobs.submit(job)
        } catch {
            try? FileManager.default.removeItem(at: file)
            throw error
        }
        let location = "/api/v1/jobs/\(id.uuidString.lowercased())"
        return try Reply.json(["id": id.uuidString.lowercased(), "status": "queued", "url": location], status: .accepted,
                              headers: [.location: location])
    }

    /// Streams the body into `file` (mode 0600), writing on a thread pool, never an event loop.
    private func receive(_ body: RequestBody, into file: URL, limit: Int) async throws -> Int {
        let path = file.path
        let handle = try await NIOThreadPool.singleton.runIfActive { () -> FileHandleBox in
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
                  let handle = FileHandle(forWritingAtPath: path) else { throw HocAIError.busy() }
            return FileHandleBox(handle)
        }
        var size = 0
        do {
            for try await buffer in body {
                size += buffer.readableBytes
                if size > limit { throw HocAIError.tooLarge(limit: limit) }
                let data = Data(buffer: buffer)
                try await NIOThreadPool.singleton.runIfActive { try handle.handle.write(contentsOf: data) }
            }
            try await NIOThreadPool.singleton.runIfActive { try handle.handle.close() }
        } catch {
            try? handle.handle.close()
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        return size
    }

    /// The name the clerk's file had (for the batch's record and the rejects file's name), reduced
    /// to safe characters.
    static func fileName(_ given: String?, kind: RosterKind) -> String {
        let name = (given ?? "\(kind.rawValue).csv").unicodeScalars.filter {
            !VietnameseText.isInvisibleOrControl($0) && !"/\\\"".unicodeScalars.contains($0)
        }
        let text = String(String.UnicodeScalarView(name)).trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? "\(kind.rawValue).csv" : String(text.prefix(120))
    }
}

/// A file handle passed between the pool's threads, used by one at a time.
final class FileHandleBox: @unchecked Sendable {
    let handle: FileHandle
    init(_ handle: FileHandle) { self.handle = handle }
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

    init(row: PostgresRow) throws {
        (id, kind, center, status, fileName, size, dryRun, allOrNothing, summary, error, hasRejects, createdAt, finishedAt) =
            try row.decode((UUID, String, String?, String, String, Int, Bool, Bool, String?, String?, Bool, String, String?).self)
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
                "percent": progress.totalBytes > 0 ? min(100, progress.bytesRead * 100 / progress.totalBytes) : 0,
            ]
        }
        return object
    }
}

import PostgresLibPQ
