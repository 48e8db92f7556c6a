import Foundation
import HocAI
import Hummingbird

/// Identity conflicts: rows held because their CCCD is registered with another name or date of
/// birth (`IdentityConflicts`, the same service as `hocai conflicts`). An administrator lists
/// and decides them (API and the `/conflicts` page); a centre sees its own held rows and why.
struct ConflictRoutes {
    let database: ServerDatabase
    let secureCookies: Bool

    func add(to router: Router<HocAIContext>, api: RouterGroup<HocAIContext>) {
        let conflicts = api.group("conflicts", for: .admin)
        conflicts.get { _, context in
            let admin = try context.account()
            let language = context.language
            let data = try await database(.acting(as: admin), context) { connection in
                try Reply.data(["conflicts": try IdentityConflicts(connection: connection, logger: connection.logger).open()
                    .map { $0.object(language: language) }])
            }
            return Reply.jsonData(data)
        }
        api.group("held-rows", for: .admin, .centre).get { request, context in
            let account = try context.account()
            guard let center = account.centerCode ?? request.uri.queryParameters["center"].map(String.init), !center.isEmpty else {
                throw Problem.invalid("center", context.language, .centreCodeCenterIsNeeded)
            }
            let language = context.language
            let data = try await database(.acting(as: account), context) { connection in
                try Reply.data(["rows": try IdentityConflicts(connection: connection, logger: connection.logger).rows(center: center)
                    .map { $0.object(language: language) }])
            }
            return Reply.jsonData(data)
        }
        conflicts.post("{id}/resolution") { request, context in
            let admin = try context.account()
            let id = try context.parameters.resource("id") { Int($0) }
            let body = try await request.decode(ResolutionRequest.self, context: context)
            return try Reply.json(try await resolve(id, keep: body.keep, returning: Set(body.returning), as: admin, context).object)
        }
        conflicts.post("{id}/return") { _, context in
            let admin = try context.account()
            let id = try context.parameters.resource("id") { Int($0) }
            try await returnRow(id, as: admin, context)
            return try Reply.json(ReturnedRow(id: id))
        }

        // The administrator's page: each person's conflict, decided by a form.
        let pages = router.group("conflicts", for: .admin)
        pages.get { request, context in
            let admin = try context.account()
            let page = Page(request, context, secureCookies: secureCookies)
            let conflicts = try await database(.acting(as: admin), context) { connection in
                try IdentityConflicts(connection: connection, logger: connection.logger).open()
            }
            let notice = request.uri.queryParameters["done"].map(String.init)
            return page.respond(title: ConflictsPage.title(page.language), ConflictsPage(page: page, conflicts: conflicts, notice: notice).content)
        }
        pages.post("{id}") { request, context in
            let admin = try context.account()
            let fields = try await request.formFields(context: context)
            try FormToken.check(fields[FormToken.field], request)
            let id = try context.parameters.resource("id") { Int($0) }
            switch fields["decision"] {
            case "register": _ = try await resolve(id, keep: .register, returning: [], as: admin, context)
            case "row": _ = try await resolve(id, keep: .row, returning: [], as: admin, context)
            case "return": try await returnRow(id, as: admin, context)
            default:
                throw HocAIError.invalidArgument(.chooseDecision)
            }
            return Page.redirect("/conflicts?done=\(id)")
        }
    }

    private func resolve(
        _ id: Int, keep: IdentityConflicts.Keep, returning: Set<Int>, as admin: Account, _ context: HocAIContext
    ) async throws -> IdentityConflicts.Outcome {
        try await database(.acting(as: admin), context) { connection in
            try IdentityConflicts(connection: connection, logger: connection.logger).resolve(id, keep: keep, returning: returning)
        }
    }

    private func returnRow(_ id: Int, as admin: Account, _ context: HocAIContext) async throws {
        try await database(.acting(as: admin), context) { connection in
            try IdentityConflicts(connection: connection, logger: connection.logger).returnRow(id)
        }
    }
}
