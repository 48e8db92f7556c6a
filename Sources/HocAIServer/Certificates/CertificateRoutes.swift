import Foundation
import HocAI
import Hummingbird

/// Certificates: verified by anyone (masked, as `hocai verify` shows them), results recorded by
/// instructors, revocations by administrators.
struct CertificateRoutes {
    let database: ServerDatabase
    /// Certificate lookups per client address.
    let verifyLimiter: RateLimiter
    let results: ResultRecorder

    func add(to router: Router<HocAIContext>, api: RouterGroup<HocAIContext>) {
        api.get("certificates/{code}") { _, context in
            try await Reply.json(lookup(try context.parameters.decoded("code"), context).json())
        }
        // The public verification link (printed as a QR code): a page for browsers, the same
        // answer as JSON for `Accept: application/json`.
        router.get("/v/{code}") { request, context in
            let result = try await lookup(try context.parameters.decoded("code"), context)
            if request.wantsJSON { return try Reply.json(try result.json()) }
            return Reply.page(result.page.render(path: result.path), status: result.status)
        }
        // The verification form: a code typed there goes to its page.
        router.get("/v") { request, context in
            if let code = request.query("code")?.trimmingCharacters(in: .whitespaces), !code.isEmpty {
                return Response(status: .seeOther, headers: [.location: "/v/\(HTML.pathSegment(code))"])
            }
            return Reply.page(VerifyPage(outcome: .asking, language: context.language).render(path: "/v"))
        }
        api.group("results", for: .admin, .instructor).post { request, context in
            try await record(request, context)
        }
        api.group("certificates", for: .admin).post("{code}/revocation") { request, context in
            let account = try context.account()
            let body = try await request.decode(RevocationRequest.self, context: context)
            let code = try context.parameters.require("code")
            let result = try await database(.acting(as: account), context) { connection in
                try CertificateService(connection: connection, logger: connection.logger)
                    .revoke(code, reason: body.reason, classCode: body.classCode)
            }
            var object = Self.object(result.revoked)
            object["reissued"] = result.reissued.map(Self.object)
            return try Reply.json(object)
        }
    }

    /// A lookup's outcome, for a page or for JSON.
    struct Lookup {
        let page: VerifyPage
        /// The page's own address, for its language switch: the code's page for a well-formed
        /// code, else the form (what was typed is not repeated in a link).
        var path: String {
            switch page.outcome {
            case .found(let record): "/v/\(record.code.value)"
            case .unknown(let code): "/v/\(HTML.pathSegment(code))"
            default: "/v"
            }
        }
        let status: HTTPResponse.Status
        let record: CertificateRecord?
        let problem: Problem?

        func json() throws -> Any {
            if let problem { throw problem }
            return CertificateRoutes.object(record!)
        }
    }

    /// A certificate by its code, as anyone may see it: through the public pool, whose sessions
    /// run as the public role (it can call the masking function and nothing else). Lookups are
    /// limited per client address. A mistyped code gets the well-formed codes one slip away, and
    /// input that is all digits (a CCCD or a phone number typed by mistake) is echoed masked.
    func lookup(_ input: String, _ context: HocAIContext) async throws -> Lookup {
        if let wait = verifyLimiter.take(context.clientAddress) { throw HocAIError.lookupThrottled(retryAfter: wait) }
        let language = context.language
        func refusal(_ error: HocAIError, _ outcome: VerifyPage.Outcome, candidates: [CertificateCode] = []) -> Lookup {
            var problem = Problem.from(error, language: language)
            if !candidates.isEmpty { problem.candidates = candidates.map(\.grouped) }
            return Lookup(page: VerifyPage(outcome: outcome, language: language), status: problem.status, record: nil, problem: problem)
        }
        let echoed = HocAIError.echoed(input)
        switch CertificateCode.parse(input) {
        case .failure(.malformed):
            return refusal(HocAIError.certificateMalformed(input), .malformed(echoed))
        case .failure(.checkFailed):
            let digitsOnly = input.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "-" || $0 == " ") }
            let candidates = digitsOnly ? [] : CertificateCode.candidates(for: input)
            return refusal(HocAIError.certificateMistyped(input), .mistyped(echoed, candidates: candidates), candidates: candidates)
        case .success(let code):
            do {
                let record = try await database.publicPool.withConnection(scope: nil) { connection in
                    try CertificateService(connection: connection, logger: connection.logger).lookup(code.value)
                }
                return Lookup(page: VerifyPage(outcome: .found(record), language: language), status: .ok, record: record, problem: nil)
            } catch let error as HocAIError where error.code == .certificateUnknown {
                return refusal(error, .unknown(code.grouped))
            }
        }
    }

    /// One result, recorded as `hocai certify` records it: an instructor in one of their classes
    /// (row-level security keeps them there), or an administrator anywhere.
    private func record(_ request: Request, _ context: HocAIContext) async throws -> Response {
        let account = try context.account()
        let body = try await request.decode(ResultRequest.self, context: context)
        let outcome = try await results.certify(
            account: account, nationalID: body.nationalID, classCode: body.classCode, result: body.result, score: body.score,
            date: body.date, context: context)
        return try Reply.json(ResultAnswer(status: outcome.status.rawValue, code: outcome.code?.grouped),
                              status: outcome.status == .issued || outcome.status == .recorded ? .created : .ok)
    }

    static func object(_ record: CertificateRecord) -> [String: Any] {
        CertificateText.fields(record)
    }
}
