import Foundation
import Hummingbird

/// A JSON request body as a `Decodable` type, read one way (`Request.decode(_:context:)`): a body
/// that is not a JSON object is told so, and one whose fields do not fit is told which fields and
/// what they must be, in the caller's language (`request.invalid`, 400).
protocol JSONRequest: Decodable, Sendable {
    /// What a body is told when decoding failed at `field` (the first key of the failing path),
    /// or at a field the type checks itself: the fields to name and the wording.
    static func invalid(at field: String) -> (fields: String, wording: WebText)
}

extension Request {
    /// The body as `Body` (small bodies only: `HocAIContext.maxUploadSize`).
    func decode<Body: JSONRequest>(_ type: Body.Type, context: HocAIContext) async throws -> Body {
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        do {
            return try JSONDecoder().decode(Body.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            guard let field = error.field else {
                throw Problem(status: .badRequest, code: "request.invalid", title: Problem.title(.badRequest, context.language),
                              detail: context.language.text(.bodyMustBeJsonObject))
            }
            let (fields, wording) = Body.invalid(at: field)
            throw Problem.invalid(fields, context.language, wording)
        }
    }
}

extension DecodingError {
    /// The body's own key where decoding failed; nil when the body as a whole is not a JSON
    /// object (not JSON at all, an array, a string…).
    var field: String? {
        switch self {
        case .keyNotFound(let key, let context): (context.codingPath.first ?? key).stringValue
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            context.codingPath.first?.stringValue
        @unknown default: nil
        }
    }
}
