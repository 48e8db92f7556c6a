import Foundation
import HocAI
import Hummingbird

/// A clerk's pages: the import form with the centre's history (`/centre`), a file sent from a
/// form (`POST /imports`, which also takes an instructor's results file), and a job's page with
/// its progress, summary and first rejects (`/jobs/{id}`). The same submission and jobs as the
/// API's (`ImportSubmission`, `ImportJobs`).
struct ImportPageRoutes {
    let database: ServerDatabase
    let jobs: ImportJobs
    let uploadLimit: Int
    let secureCookies: Bool

    func add(to router: Router<HocAIContext>) {
        router.group("centre", for: .admin, .centre).get { request, context in
            let account = try context.account()
            let page = Page(request, context, secureCookies: secureCookies)
            let (jobs, batches, center, held) = try await database(.acting(as: account), context) { connection in
                let jobs = try JobRecord.recent(connection, limit: 20)
                let center = try account.centerCode.map { try CenterService(connection: connection, logger: connection.logger).require($0) }
                let held = try account.centerCode.map {
                    try IdentityConflicts(connection: connection, logger: connection.logger).rows(center: $0, limit: 50)
                } ?? []
                return (jobs, try BatchRow.recent(connection, limit: 50), center, held)
            }
            let content = CentrePage(page: page, account: account, center: center, jobs: jobs, batches: batches, held: held).content
            return page.respond(title: CentrePage.title(page.language), content)
        }
        router.group("imports", for: .admin, .centre, .instructor).post { request, context in
            try await submit(request, context)
        }
        // A blank workbook to fill in (`RosterTemplate`), with the register's communes.
        router.group("templates", for: .admin, .centre).get("{file}") { _, context in
            let account = try context.account()
            let name = try context.parameters.require("file")
            guard name.hasSuffix(".xlsx"), let kind = RosterKind(rawValue: String(name.dropLast(5))),
                  account.role == .admin || kind != .experts else { throw HocAIError.notFound() }
            let language = context.language
            let data = try await database(.acting(as: account), context) { connection in
                try RosterTemplate.data(kind: kind, communes: CommuneDirectory.load(from: connection).communes, language: language)
            }
            return Reply.body(data, type: WorkbookWriter.mediaType, headers: [
                .contentDisposition: "attachment; filename=\"\(RosterTemplate.fileName(of: kind))\"",
            ])
        }
        router.group("jobs", for: .admin, .centre, .instructor).get("{id}") { request, context in
            let (job, id) = try await JobRecord.named(in: context, database)
            let page = Page(request, context, secureCookies: secureCookies)
            let jobPage = JobPage(page: page, job: job, progress: jobs.progress.get(id) ?? job.progress)
            return page.respond(title: jobPage.title, refresh: jobPage.running ? 3 : nil, jobPage.content)
        }
    }

    /// A roster or results file from a form: received as it arrives (413 past the limit), then
    /// the form's token checked, then queued as a job; the browser goes to the job's page. The
    /// received file is removed if anything is refused.
    private func submit(_ request: Request, _ context: HocAIContext) async throws -> Response {
        let account = try context.account()
        let limit = uploadLimit
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit + 64 << 10 {
            throw HocAIError.tooLarge(limit: limit)
        }
        let id = UUID()
        let file = jobs.uploadURL(id)
        let form = try await Upload.receiveForm(request.body, contentType: request.headers[.contentType], into: file, limit: limit)
        do {
            try FormToken.check(form.fields[FormToken.field], request)
            guard form.fileName.map({ !$0.isEmpty }) == true, form.size > 0 else {
                throw HocAIError.invalidArgument(.noFileWasChosenOrIt)
            }
            guard let kind = form.fields["kind"].flatMap(RosterKind.init(rawValue:)) else {
                throw HocAIError.invalidArgument(.chooseKindOfRoster)
            }
            var asked = ImportRequest(kind: kind, center: form.fields["center"])
            asked.dryRun = form.fields["mode"] != "import"
            asked.allOrNothing = form.fields["all_or_nothing"] == "on"
            asked.fileName = form.fileName
            let submission = ImportSubmission(database: database, jobs: jobs)
            let allowed = try submission.authorize(asked, by: account, context: context)
            try await submission.start(id: id, request: allowed, account: account, size: form.size, context: context)
        } catch {
            try? FileManager.default.removeItem(at: file)
            throw error
        }
        return Page.redirect(JobRecord.page(id))
    }
}
