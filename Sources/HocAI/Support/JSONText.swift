import Foundation

/// JSON text of plain values (dictionaries with `String` keys, arrays, strings, numbers, booleans,
/// `NSNull`), keys in Unicode code-point order, no whitespace, `/` not escaped: hocai's one way to
/// write a JSON object that is not a `Codable` type. An `Encodable` answer is written by
/// `encoded(_:)`, with the same keys sorted and `/` kept.
///
/// Foundation's `JSONSerialization` with `.sortedKeys` sorts the keys with a locale-aware
/// comparison (ICU) and bridges every value: on the service's certificate lookup it took 41% of the
/// server's CPU, six times the database's share (`docs/benchmarks.md`). Code-point order is also
/// what RFC 7638 asks of a JWK thumbprint and what RFC 8785 asks of canonical JSON, so two answers
/// with the same content are the same bytes.
public enum JSONText {
    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    /// An `Encodable` value's JSON: keys sorted, no whitespace, `/` not escaped; an optional
    /// that is nil is left out.
    public static func encoded(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    public static func data(_ value: Any) throws -> Data {
        Data(try string(value).utf8)
    }

    public static func string(_ value: Any) throws -> String {
        var out = ""
        try write(value, to: &out)
        return out
    }

    private static func write(_ value: Any, to out: inout String) throws {
        switch value {
        case let text as String:
            writeString(text, to: &out)
        case let text as Substring:
            writeString(String(text), to: &out)
        case let object as [String: Any]:
            out.append("{")
            for (index, key) in object.keys.sorted(by: codePointOrder).enumerated() {
                if index > 0 { out.append(",") }
                writeString(key, to: &out)
                out.append(":")
                try write(object[key]!, to: &out)
            }
            out.append("}")
        case let array as [Any]:
            out.append("[")
            for (index, element) in array.enumerated() {
                if index > 0 { out.append(",") }
                try write(element, to: &out)
            }
            out.append("]")
        case is NSNull:
            out.append("null")
        default:
            try writeScalar(value, to: &out)
        }
    }

    /// Booleans and numbers: Swift's own types by their exact type (an `Int` must not be taken
    /// for a `Bool`), then `NSNumber`, as `JSONSerialization.jsonObject` hands numbers back.
    private static func writeScalar(_ value: Any, to out: inout String) throws {
        let valueType = type(of: value)
        if valueType == Bool.self, let flag = value as? Bool {
            out.append(flag ? "true" : "false")
        } else if valueType == Double.self, let number = value as? Double {
            try writeDouble(number, to: &out)
        } else if valueType is NSNumber.Type, let number = value as? NSNumber {
            switch String(cString: number.objCType) {
            case "c", "B": out.append(number.boolValue ? "true" : "false")
            case "f", "d": try writeDouble(number.doubleValue, to: &out)
            case "Q": out.append(String(number.uint64Value))
            default: out.append(String(number.int64Value))
            }
        } else if let number = value as? any BinaryInteger {
            out.append(String(number))
        } else if Mirror(reflecting: value).displayStyle == .optional {
            // An optional that was nil when it was put in the object.
            out.append("null")
        } else {
            throw Invalid(description: "JSON cannot hold a value of type \(valueType)")
        }
    }

    private static func writeDouble(_ number: Double, to out: inout String) throws {
        guard number.isFinite else { throw Invalid(description: "JSON cannot hold \(number)") }
        if number == number.rounded(), abs(number) < 1e15 {
            out.append(String(Int64(number)))
        } else {
            out.append(String(number))
        }
    }

    private static func writeString(_ text: String, to out: inout String) {
        out.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case "\u{08}": out.append("\\b")
            case "\u{0C}": out.append("\\f")
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        out.append("\"")
    }

    private static func codePointOrder(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }
}
