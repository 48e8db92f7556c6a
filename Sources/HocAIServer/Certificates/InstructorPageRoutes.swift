import Foundation
import HocAI
import Hummingbird

/// An instructor's pages: their classes (`/instructor`), a class's learners with a result form
/// on each row and a results-file upload (`/instructor/classes/{code}`), and a result sent from
/// that form, recorded by the same rules and messages as `hocai certify`. Row-level security keeps
/// an instructor to the classes they teach: another's class is not found.
struct InstructorPageRoutes {
    let database: ServerDatabase
    let results: ResultRecorder
    let secureCookies: Bool

    func add(to router: Router<HocAIContext>) {
        let pages = router.group("instructor", for: .admin, .instructor)
        pages.get { request, context in
            let account = try context.account()
            let page = Page(request, context, secureCookies: secureCookies)
            let classes = try await database(.acting(as: account), context) { try ClassRow.visible($0, limit: 500) }
            return page.respond(title: InstructorPages.classesTitle(page.language), InstructorPages(page: page).classes(classes))
        }
        pages.get("classes/{code}") { request, context in
            try await classPage(request, context, notice: nil)
        }
        pages.post("classes/{code}/results") { request, context in
            let account = try context.account()
            let fields = try await request.formFields(context: context)
            try FormToken.check(fields[FormToken.field], request)
            let code = try context.parameters.require("code")
            let notice: InstructorPages.Notice
            do {
                guard let result = fields["result"].flatMap(CertificateService.Result.init(rawValue:)) else {
                    throw HocAIError.invalidArgument(.chooseResultPassOrFail)
                }
                var date: CalendarDate?
                if let text = fields["date"], !text.isEmpty {
                    // The form's date picker sends yyyy-mm-dd.
                    guard let parsed = CalendarDate(iso: text) else {
                        throw HocAIError.invalidArgument(.dateIsNotDatePickIt)
                    }
                    date = parsed
                }
                var score: Double?
                if let text = fields["score"]?.replacingOccurrences(of: ",", with: "."), !text.isEmpty {
                    guard let value = Double(text), CertificateService.scoreRange.contains(value) else {
                        throw HocAIError.invalidArgument(.scoreIsNumberFrom0To)
                    }
                    score = value
                }
                let outcome = try await results.certify(
                    account: account, nationalID: fields["national_id"] ?? "", classCode: code, result: result, score: score, date: date,
                    context: context)
                notice = .recorded(outcome, masked: (try? NationalID.parse(fields["national_id"] ?? "").get())?.masked ?? "")
            } catch let error as HocAIError where Problem.status(of: error) == .badRequest || Problem.status(of: error) == .unprocessableContent {
                notice = .refused(error.message(in: context.language))
            }
            return try await classPage(request, context, notice: notice)
        }
    }

    private func classPage(_ request: Request, _ context: HocAIContext, notice: InstructorPages.Notice?) async throws -> Response {
        let account = try context.account()
        let code = try context.parameters.require("code")
        let found = try await database(.acting(as: account), context) { connection -> (ClassRow, [ClassLearner])? in
            guard let row = try ClassRow.find(connection, code: code) else { return nil }
            return (row, try ClassLearner.list(connection, classCode: code))
        }
        guard let (row, learners) = found else { throw HocAIError.notFound() }
        let page = Page(request, context, secureCookies: secureCookies)
        let status: HTTPResponse.Status = if case .refused = notice { .unprocessableContent } else { .ok }
        return page.respond(title: InstructorPages.classTitle(row.code, page.language), status: status,
                            InstructorPages(page: page).learners(row, learners, notice: notice))
    }
}
