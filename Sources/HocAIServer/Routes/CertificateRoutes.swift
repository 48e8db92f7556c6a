import Foundation
import HocAI
import Hummingbird

/// Certificates: verified by anyone (masked, as `hocai verify` shows them), results recorded by
/// instructors, revocations by administrators.
struct CertificateRoutes {
    let server: HocAIServer

    func add(to router: Router<HocAIContext>) {
        router.get("/api/v1/certificates/{code}") { _, context in
            try await verify(context)
        }
        // The public verification link; the verify page (HTML) answers here too for browsers.
        router.get("/v/{code}") { _, context in
            try await verify(context)
        }
        router.post("/api/v1/results") { request, context in
            try await record(request, context)
        }
        router.post("/api/v1/certificates/{code}/revocation") { request, context in
            let account = try context.account(.admin)
            let body = try await request.jsonObject(context: context)
            guard let code = context.parameters.get("code"), let reason = body["reason"] as? String else {
                throw Problem.invalid("reason", context.language, vi: "cần lý do thu hồi", en: "a reason is needed")
            }
            let classCode = body["class"] as? String
            let result = try await server.database(.reading(as: account), context) { connection in
                try CertificateService(connection: connection, logger: connection.logger).revoke(code, reason: reason, classCode: classCode)
            }
            var object = try Self.object(result.revoked)
            object["reissued"] = try result.reissued.map(Self.object)
            return try Reply.json(object)
        }
    }

    /// A certificate by its code, as anyone may see it; the public pool's sessions run as the
    /// public role, which can call the masking function and nothing else.
    private func verify(_ context: HocAIContext) async throws -> Response {
        guard let code = context.parameters.get("code") else { throw HocAIError.notFound() }
        let record = try await server.publicPool.withConnection(scope: nil) { connection in
            try CertificateService(connection: connection, logger: connection.logger).lookup(code)
        }
        return Reply.jsonText(CertificateText.json(record), headers: [.cacheControl: "no-store"])
    }

    /// One result, recorded as `hocai certify` records it: an instructor in one of their classes
    /// (row-level security keeps them there), or an administrator anywhere.
    private func record(_ request: Request, _ context: HocAIContext) async throws -> Response {
        let account = try context.account(.admin, .instructor)
        let body = try await request.jsonObject(context: context)
        guard let nationalID = body["national_id"] as? String, let classCode = body["class"] as? String,
              let result = (body["result"] as? String).flatMap(CertificateService.Result.init(rawValue:)) else {
            throw Problem.invalid("national_id, class, result", context.language,
                                  vi: "cần số CCCD, mã lớp và kết quả (pass hoặc fail)", en: "a national ID, a class code and a result (pass or fail) are needed")
        }
        let score = body["score"] as? Double
        if let score, !(0...100).contains(score) {
            throw Problem.invalid("score", context.language, vi: "điểm từ 0 đến 100", en: "a score from 0 to 100")
        }
        var date: CalendarDate?
        if let text = body["date"] as? String {
            guard let parsed = CalendarDate.parse(text) else {
                throw Problem.invalid("date", context.language, vi: "ngày dạng YYYY-MM-DD", en: "a date as YYYY-MM-DD")
            }
            date = parsed
        }
        // The class's centre, as the account sees it: an instructor sees only their own classes.
        let center = try await server.database(.reading(as: account), context) { connection in
            try connection.query("SELECT center_code FROM classes WHERE code = \(classCode)").first?.decode(String.self, at: 0)
        }
        guard let center else { throw HocAIError.forbidden() }
        let completedOn = date
        let outcome = try await server.database(.importing(as: account, center: center), context) { connection in
            try CertificateService(connection: connection, logger: connection.logger).certify(
                nationalID: nationalID, classCode: classCode, result: result, score: score, date: completedOn, centerCode: center)
        }
        var object: [String: Any] = ["status": outcome.status.rawValue]
        object["code"] = outcome.code?.grouped
        return try Reply.json(object, status: outcome.status == .issued || outcome.status == .recorded ? .created : .ok)
    }

    static func object(_ record: CertificateRecord) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(CertificateText.json(record).utf8)) as? [String: Any] ?? [:]
    }
}
