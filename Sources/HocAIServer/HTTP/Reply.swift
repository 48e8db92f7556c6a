import Foundation
import Hummingbird

/// Answers the server writes: its own `Encodable` answer types (`AccountAnswer`, `CentreAnswer`…),
/// the objects the library makes for the command line too (a certificate's fields, a conflict,
/// a job with its summary), JSON text already made by the library (`ImportSummary.json`,
/// `ProgressReport.json`), pages, and other bodies with their type. JSON keys are always sorted,
/// so answers compare byte for byte.
enum Reply {
    static func json(_ object: Any, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        body(try data(object), type: "application/json; charset=utf-8", status: status, headers: headers)
    }

    /// An `Encodable` answer (`JSONText.encoded`: keys sorted, a nil optional left out).
    static func json(_ answer: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        body(try JSONText.encoded(answer), type: "application/json; charset=utf-8", status: status, headers: headers)
    }

    /// JSON text of an object (`JSONText`: keys sorted), made where the object is (a database
    /// closure hands back the bytes, which cross threads, not the dictionary).
    static func data(_ object: Any) throws -> Data {
        try JSONText.data(object)
    }

    static func jsonData(_ data: Data, status: HTTPResponse.Status = .ok) -> Response {
        body(data, type: "application/json; charset=utf-8", status: status)
    }

    static func jsonText(_ text: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        body(Data(text.utf8), type: "application/json; charset=utf-8", status: status, headers: headers)
    }

    static func body(_ data: Data, type: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = type
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func page(_ html: HTML, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        body(Data(html.markup.utf8), type: "text/html; charset=utf-8", status: status, headers: headers)
    }

    static func noContent(headers: HTTPFields = [:]) -> Response {
        Response(status: .noContent, headers: headers)
    }
}

extension Request {
    /// A query parameter.
    func query(_ name: String) -> String? {
        uri.queryParameters.get(name)
    }

    /// Whether the client prefers JSON to a page (`Accept`, with its q-values); a browser, and a
    /// client that says nothing, get the page.
    var wantsJSON: Bool {
        guard let accept = headers[.accept] else { return false }
        var json = 0.0, html = 0.0
        for range in accept.split(separator: ",") {
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            switch parts.first {
            case "application/json", "application/problem+json": json = max(json, quality)
            case "text/html", "application/xhtml+xml": html = max(html, quality)
            default: break
            }
        }
        return json > html
    }

    /// A true/false query parameter (`true`, `1`, `yes`).
    func flag(_ name: String) -> Bool {
        guard let value = query(name)?.lowercased() else { return false }
        return ["true", "1", "yes"].contains(value)
    }
}

extension Problem {
    /// A request whose field is missing or wrong, named in the message.
    static func invalid(_ field: String, _ language: Language, _ wording: WebText) -> Problem {
        Problem(status: .badRequest, code: "request.invalid", title: title(.badRequest, language),
                detail: "\(field): " + language.text(wording))
    }
}

import HocAI
