import Foundation
import HocAI
import Hummingbird
import PostgresLibPQ

/// Lists: centres (anyone signed in), classes and their learners (a centre its own, an
/// instructor the classes they teach), import batches' summaries (officials see counts only).
/// Row-level security decides which rows each account sees.
struct ListRoutes {
    let database: ServerDatabase

    func add(to api: RouterGroup<HocAIContext>) {
        api.group("centers", for: .admin, .official, .centre, .instructor).get { _, context in
            let account = try context.account()
            let centers = try await database(.acting(as: account), context) { connection in
                try CenterService(connection: connection, logger: connection.logger).list()
            }
            return try Reply.json(CentreList(centers: centers.map(CentreAnswer.init)))
        }
        api.group("centers", for: .admin).post { request, context in
            let account = try context.account()
            let body = try await request.decode(NewCentreRequest.self, context: context)
            let center = try await database(.acting(as: account), context) { connection in
                try CenterService(connection: connection, logger: connection.logger).add(code: body.code, name: body.name, commune: body.commune)
            }
            return try Reply.json(CentreAnswer(center), status: .created)
        }
        let classes = api.group("classes", for: .admin, .centre, .instructor)
        classes.get { _, context in
            let account = try context.account()
            let data = try await database(.acting(as: account), context) { connection in
                try Reply.data(["classes": try ClassRow.visible(connection, limit: 5000).map(\.object)])
            }
            return Reply.jsonData(data)
        }
        classes.get("{code}/learners") { _, context in
            let account = try context.account()
            let code = try context.parameters.require("code")
            let data = try await database(.acting(as: account), context) { connection -> Data? in
                guard try ClassRow.find(connection, code: code) != nil else { return nil }
                return try Reply.data(["class": code, "learners": try ClassLearner.list(connection, classCode: code).map(\.object)])
            }
            guard let data else { throw HocAIError.notFound() }
            return Reply.jsonData(data)
        }
        api.group("batches", for: .admin, .official, .centre).get { _, context in
            let account = try context.account()
            let official = account.role == .official
            let data = try await database(.acting(as: account), context) { connection in
                try Reply.data(["batches": try BatchRow.recent(connection, limit: 500).map { $0.object(official: official) }])
            }
            return Reply.jsonData(data)
        }
    }
}
