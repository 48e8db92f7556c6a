import Foundation
import HocAI
import Hummingbird
import PostgresLibPQ

/// Lists: centres (anyone signed in), classes and their learners (a centre its own, an
/// instructor the classes they teach), import batches' summaries (officials see counts only).
/// Row-level security decides which rows each account sees.
struct ListRoutes {
    let server: HocAIServer

    func add(to router: Router<HocAIContext>) {
        router.get("/api/v1/centers") { _, context in
            let account = try context.account()
            let centers = try await server.database(.reading(as: account), context) { connection in
                try CenterService(connection: connection, logger: connection.logger).list()
                    .map { ["code": $0.code, "name": $0.name, "commune": $0.commune.code] }
            }
            return try Reply.json(["centers": centers])
        }
        router.post("/api/v1/centers") { request, context in
            let account = try context.account(.admin)
            let body = try await request.jsonObject(context: context)
            guard let code = body["code"] as? String, let name = body["name"] as? String, let commune = body["commune"] as? String else {
                throw Problem.invalid("code, name, commune", context.language, vi: "cần mã, tên và xã/phường", en: "a code, a name and a commune are needed")
            }
            let center = try await server.database(.reading(as: account), context) { connection in
                try CenterService(connection: connection, logger: connection.logger).add(code: code, name: name, commune: commune)
            }
            return try Reply.json(["code": center.code, "name": center.name, "commune": center.commune.code], status: .created)
        }
        router.get("/api/v1/classes") { _, context in
            let account = try context.account(.admin, .centre, .instructor)
            let data = try await server.database(.reading(as: account), context) { connection in
                try Reply.data(["classes": try connection.query("""
                    SELECT c.code, c.center_code, c.track::text, (SELECT count(*) FROM enrolments e WHERE e.class_id = c.id)
                    FROM classes c ORDER BY c.center_code, c.code LIMIT 5000
                    """).rows.map { row -> [String: Any] in
                        let (code, center, track, learners) = try row.decode((String, String, String, Int).self)
                        return ["code": code, "center": center, "track": track, "learners": learners]
                    }])
            }
            return Reply.jsonData(data)
        }
        router.get("/api/v1/classes/{code}/learners") { _, context in
            let account = try context.account(.admin, .centre, .instructor)
            guard let code = context.parameters.get("code") else { throw HocAIError.notFound() }
            let data = try await server.database(.reading(as: account), context) { connection -> Data? in
                guard try connection.query("SELECT EXISTS (SELECT 1 FROM classes WHERE code = \(code))").scalar(Bool.self) else { return nil }
                return try Reply.data(["class": code, "learners": try connection.query("""
                    SELECT p.national_id, p.full_name, e.enrolled_on::text,
                           (SELECT x.result FROM completions x WHERE x.class_id = c.id AND x.national_id = e.national_id
                            ORDER BY x.completed_on DESC, x.result DESC LIMIT 1),
                           (SELECT x.completed_on::text FROM completions x WHERE x.class_id = c.id AND x.national_id = e.national_id
                            ORDER BY x.completed_on DESC, x.result DESC LIMIT 1),
                           (SELECT x.score::float8 FROM completions x WHERE x.class_id = c.id AND x.national_id = e.national_id
                            ORDER BY x.completed_on DESC, x.result DESC LIMIT 1)
                    FROM classes c JOIN enrolments e ON e.class_id = c.id JOIN people p ON p.national_id = e.national_id
                    WHERE c.code = \(code) ORDER BY p.full_name, p.national_id
                    """).rows.map { row -> [String: Any] in
                        let (id, name, enrolled, result, completed, score) = try row.decode((String, String, String?, String?, String?, Double?).self)
                        var object: [String: Any] = ["national_id": id, "name": name]
                        object["enrolled_on"] = enrolled
                        object["result"] = result
                        object["completed_on"] = completed
                        object["score"] = score
                        return object
                    }])
            }
            guard let data else { throw HocAIError.notFound() }
            return Reply.jsonData(data)
        }
        router.get("/api/v1/batches") { _, context in
            let account = try context.account(.admin, .official, .centre)
            let official = account.role == .official
            let data = try await server.database(.reading(as: account), context) { connection in
                try Reply.data(["batches": try connection.query("""
                    SELECT id, kind, center_code, file_name,
                           to_char(started_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"'),
                           rows_read, accepted, rejected, inserted, updated, unchanged, duplicates, warnings
                    FROM import_batches WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 500
                    """).rows.map { row -> [String: Any] in
                        let (id, kind, center, file, started) = try row.decode((Int, String, String?, String, String).self)
                        var object: [String: Any] = ["id": id, "kind": kind, "started_at": started]
                        object["center"] = center
                        // A file's name is the clerk's choice and may name someone: not for officials.
                        if !official { object["file_name"] = file }
                        for (index, key) in ["rows", "accepted", "rejected", "inserted", "updated", "unchanged", "duplicates", "warnings"].enumerated() {
                            object[key] = try row.decode(Int.self, at: 5 + index)
                        }
                        return object
                    }])
            }
            return Reply.jsonData(data)
        }
    }
}
