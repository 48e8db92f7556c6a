import Foundation

/// Markup that is safe by construction: the literal text written in the source is markup, and
/// everything interpolated into it is escaped, unless it is itself `HTML`. There is no other way
/// to make `HTML` from a `String` outside this module (its literals are `StaticString`s, written
/// in the source; `init(markup:)`, for the SVG and CSS the project makes itself, is internal), so
/// a name, a centre's name or a reason typed by anyone reaches a page as text, never as markup.
///
///     let row: HTML = "<td>\(person.name)</td>"      // the name is escaped
///     let page: HTML = "<tbody>\(rows)</tbody>"       // rows ([HTML]) are markup already
public struct HTML: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public private(set) var markup: String

    public init(stringLiteral value: StaticString) {
        markup = value.description
    }

    /// Markup the project made itself (an SVG, a stylesheet). Never for anything typed.
    init(markup: String) {
        self.markup = markup
    }

    public init(stringInterpolation: Interpolation) {
        markup = stringInterpolation.markup
    }

    public var description: String { markup }

    public static let empty: HTML = ""

    public struct Interpolation: StringInterpolationProtocol {
        var markup = ""

        public init(literalCapacity: Int, interpolationCount: Int) {
            markup.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        public mutating func appendLiteral(_ literal: StaticString) { markup += literal.description }

        /// Text: escaped.
        public mutating func appendInterpolation(_ text: String) { markup += HTML.escape(text) }

        public mutating func appendInterpolation(_ text: Substring) { markup += HTML.escape(String(text)) }

        public mutating func appendInterpolation(_ text: String?) { markup += HTML.escape(text ?? "") }

        /// Markup: as it is.
        public mutating func appendInterpolation(_ html: HTML) { markup += html.markup }

        public mutating func appendInterpolation(_ html: HTML?) { markup += html?.markup ?? "" }

        public mutating func appendInterpolation(_ list: [HTML]) { for html in list { markup += html.markup } }

        public mutating func appendInterpolation<T: BinaryInteger>(_ number: T) { markup += String(number) }
    }

    /// Escapes the five characters that matter in text and in quoted attribute values.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// A path segment for a link (a code, a login): percent-encoded, then escaped.
    public static func pathSegment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""
    }

    /// Joins markup.
    public static func join(_ parts: [HTML], separator: HTML = "") -> HTML {
        var result = HTML.empty
        for (index, part) in parts.enumerated() {
            if index > 0 { result.markup += separator.markup }
            result.markup += part.markup
        }
        return result
    }
}
