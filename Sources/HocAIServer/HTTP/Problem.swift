import Foundation
import HocAI
import Hummingbird
import PostgresLibPQ

/// An error as the API answers it: RFC 9457 `application/problem+json`, with hocai's stable code
/// (the CLI's) and a message in the request's language. Nothing of the inside reaches the client:
/// no stack trace, no SQL, no server message that could quote data.
public struct Problem: HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    public let code: String
    public let title: String
    public let detail: String
    public var retryAfter: Int?
    /// For a mistyped certificate code: the well-formed codes one slip away.
    public var candidates: [String]?

    public init(status: HTTPResponse.Status, code: String, title: String, detail: String, retryAfter: Int? = nil) {
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
        self.retryAfter = retryAfter
    }

    /// The problem for any error a handler throws.
    public static func from(_ error: any Error, language: Language) -> Problem {
        if let problem = error as? Problem { return problem }
        // What the library knows (its own errors, and the database's it classifies): the same
        // code as the command line's, with its HTTP status.
        if let known = HocAIError.classifying(error) {
            var problem = Problem(status: status(of: known), code: "\(known.code)", title: title(status(of: known), language),
                                  detail: known.message(in: language))
            problem.retryAfter = known.retryAfter
            return problem
        }
        switch error {
        case is ClientGone:
            return Problem(status: .init(code: 499, reasonPhrase: "Client Closed Request"), code: "request.abandoned",
                           title: title(.badRequest, language), detail: language.text(.clientWentAway))
        case is CancellationError:
            // The request's work was cancelled: the server is stopping (or the client left).
            return from(HocAIError.serviceStopped(), language: language)
        case let error as HTTPError:
            let code = error.status == .notFound ? "not_found" : error.status == .contentTooLarge ? "request.too_large" : "request.invalid"
            let detail = error.status == .notFound ? HocAIError.notFound().message(in: language)
                : language.text(.requestIsNotValid)
            return Problem(status: error.status, code: code, title: title(error.status, language), detail: detail)
        case is DecodingError:
            return Problem(status: .badRequest, code: "request.invalid", title: title(.badRequest, language),
                           detail: language.text(.jsonBodyIsNotInExpected))
        default:
            return Problem(status: .internalServerError, code: "internal", title: title(.internalServerError, language),
                           detail: language.text(.serverErrorNothingChangedTryAgain))
        }
    }

    static func status(of error: HocAIError) -> HTTPResponse.Status {
        switch error.code {
        case .notSignedIn, .signInRefused: .unauthorized
        case .forbidden, .accountDisabled, .formExpired: .forbidden
        case .notFound, .certificateUnknown, .unknownCenter, .accountUnknown, .conflictUnknown: .notFound
        case .signInThrottled, .lookupThrottled: .tooManyRequests
        case .busy, .serviceStopped, .serviceRestarted: .serviceUnavailable
        case .tooLarge: .contentTooLarge
        case .accountExists, .centerExists, .certificateAlreadyRevoked: .conflict
        case .certificationRefused, .fileRejected, .fileUnreadable, .fileChanged, .conflictChoiceInvalid: .unprocessableContent
        case .schemaNotReady, .databaseReadOnly, .databaseUnavailable: .serviceUnavailable
        default: .badRequest
        }
    }

    static func title(_ status: HTTPResponse.Status, _ language: Language) -> String {
        let title: WebText? = switch status {
        case .unauthorized: .titleUnauthorized
        case .forbidden: .titleForbidden
        case .notFound: .titleNotFound
        case .tooManyRequests: .titleTooManyRequests
        case .serviceUnavailable: .titleServiceUnavailable
        case .contentTooLarge: .titleContentTooLarge
        case .conflict: .titleConflict
        case .unprocessableContent: .titleUnprocessableContent
        case .internalServerError: .titleInternalServerError
        case .badRequest: .titleBadRequest
        default: nil
        }
        // Any other status: its standard phrase in English, a plain refusal in Vietnamese.
        return title.map(language.text) ?? (language == .en ? status.reasonPhrase : language.text(.titleBadRequest))
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var object: [String: Any] = ["type": "https://hocai.thainguyen.gov.vn/problems/\(code)", "title": title, "status": status.code,
                                     "detail": detail, "code": code]
        if let retryAfter { object["retry_after"] = retryAfter }
        if let candidates { object["candidates"] = candidates }
        let data = try Reply.data(object)
        var headers: HTTPFields = [.contentType: "application/problem+json; charset=utf-8"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
