import Foundation
import HocAI
import Hummingbird
import NIOPosix

/// Rosters and results files: the body is the CSV, streamed to a private file (413 past the
/// limit), then imported as a job (202, `Location:` the job, under `/api/v1/jobs`). The job shows its progress, then
/// the same summary as `hocai import --format json`; its rejects file is for its own centre (and
/// administrators) to download.
struct ImportRoutes {
    let database: ServerDatabase
    let jobs: ImportJobs
    let uploadLimit: Int

    func add(to api: RouterGroup<HocAIContext>) {
        api.group("imports", for: .admin, .centre, .instructor).post("{kind}") { request, context in
            try await submit(request, context)
        }
        let jobsAPI = api.group("jobs", for: .admin, .centre, .instructor)
        jobsAPI.get { _, context in
            let account = try context.account()
            let jobs = try await database(.acting(as: account), context) { try JobRecord.recent($0, limit: 200) }
            return try Reply.json(["jobs": jobs.map { $0.object(progress: nil) }])
        }
        jobsAPI.get("{id}") { _, context in
            let (job, id) = try await JobRecord.named(in: context, database)
            return try Reply.json(job.object(progress: jobs.progress.get(id) ?? job.progress))
        }
        jobsAPI.get("{id}/rejects") { _, context in
            let (job, id) = try await JobRecord.named(in: context, database)
            guard job.hasRejects else { throw HocAIError.notFound() }
            // Kept in the register by the server that ran the job (sql/016): any server answers.
            guard let data = try await database(.acting(as: context.account()), context, { connection in
                try ImportJobs.rejects(of: id, on: connection)
            }) else { throw HocAIError.notFound() }
            // A workbook's rejects are a workbook (`RejectsWorkbook`), told by its bytes.
            let format = RosterFormat.of(data)
            return Reply.body(data, type: format == .xlsx ? WorkbookWriter.mediaType : "text/csv; charset=utf-8", headers: [
                .contentDisposition: "attachment; filename=\"\(job.fileStem).rejects.\(format.fileExtension)\"",
            ])
        }
    }

    private func submit(_ request: Request, _ context: HocAIContext) async throws -> Response {
        let account = try context.account()
        let kind = try context.parameters.resource("kind", RosterKind.init(rawValue:))
        var asked = ImportRequest(kind: kind, center: request.query("center"))
        asked.dryRun = request.flag("dry_run")
        asked.allOrNothing = request.flag("all_or_nothing")
        asked.force = request.flag("force")
        asked.fileName = request.query("file_name")
        let submission = ImportSubmission(database: database, jobs: jobs)
        let allowed = try submission.authorize(asked, by: account, context: context)
        let limit = uploadLimit
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw HocAIError.tooLarge(limit: limit) }
        let id = UUID()
        let size = try await Upload.receive(request.body, into: jobs.uploadURL(id), limit: limit)
        try await submission.start(id: id, request: allowed, account: account, size: size, context: context)
        let location = JobRecord.url(id)
        return try Reply.json(QueuedJob(id: id.uuidString.lowercased(), url: location), status: .accepted, headers: [.location: location])
    }
}

/// An upload taken: its job, queued, and where to follow it.
struct QueuedJob: Encodable {
    let id: String
    let status = "queued"
    let url: String
}
