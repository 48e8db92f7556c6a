import Foundation

/// A Swift value that can be sent to PostgreSQL as a text-format parameter.
public protocol PostgresEncodable: Sendable {
    /// The value in PostgreSQL's text input syntax; `nil` sends SQL NULL.
    var postgresText: String? { get }
    /// The parameter's type OID, or 0 to let the server infer it from the statement.
    static var postgresTypeOID: UInt32 { get }
}

extension PostgresEncodable {
    public static var postgresTypeOID: UInt32 { 0 }
}

/// A Swift value that can be read from a text-format result column.
public protocol PostgresDecodable {
    init(postgresText: String) throws
    /// What a SQL NULL decodes to. Non-optional types throw `unexpectedNull`.
    static func decodeNull(context: String) throws -> Self
}

extension PostgresDecodable {
    public static func decodeNull(context: String) throws -> Self {
        throw PostgresError(code: .unexpectedNull, message: "NULL where \(Self.self) was expected", context: context)
    }
}

public typealias PostgresCodable = PostgresEncodable & PostgresDecodable

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public init(postgresText: String) throws {
        self = .some(try Wrapped(postgresText: postgresText))
    }

    public static func decodeNull(context: String) throws -> Wrapped? { nil }
}

extension String: PostgresCodable {
    public var postgresText: String? { self }
    public static var postgresTypeOID: UInt32 { 25 }  // text
    public init(postgresText: String) { self = postgresText }
}

extension Substring: PostgresEncodable {
    public var postgresText: String? { String(self) }
    public static var postgresTypeOID: UInt32 { 25 }
}

private func decodeInteger<T: FixedWidthInteger>(_ text: String) throws -> T {
    guard let value = T(text) else {
        throw PostgresError.decoding("not an integer of type \(T.self)", context: "\(T.self)")
    }
    return value
}

extension Int: PostgresCodable {
    public var postgresText: String? { String(self) }
    public static var postgresTypeOID: UInt32 { 20 }  // int8
    public init(postgresText: String) throws { self = try decodeInteger(postgresText) }
}

extension Int64: PostgresCodable {
    public var postgresText: String? { String(self) }
    public static var postgresTypeOID: UInt32 { 20 }
    public init(postgresText: String) throws { self = try decodeInteger(postgresText) }
}

extension Int32: PostgresCodable {
    public var postgresText: String? { String(self) }
    public static var postgresTypeOID: UInt32 { 23 }  // int4
    public init(postgresText: String) throws { self = try decodeInteger(postgresText) }
}

extension Double: PostgresCodable {
    public var postgresText: String? {
        if isNaN { return "NaN" }
        if isInfinite { return self < 0 ? "-Infinity" : "Infinity" }
        return String(self)
    }
    public static var postgresTypeOID: UInt32 { 701 }  // float8
    public init(postgresText: String) throws {
        guard let value = Double(postgresText) else {
            throw PostgresError.decoding("not a number", context: "Double")
        }
        self = value
    }
}

extension Bool: PostgresCodable {
    public var postgresText: String? { self ? "t" : "f" }
    public static var postgresTypeOID: UInt32 { 16 }  // bool
    public init(postgresText: String) throws {
        switch postgresText {
        case "t", "true": self = true
        case "f", "false": self = false
        default: throw PostgresError.decoding("not a boolean", context: "Bool")
        }
    }
}

extension UUID: PostgresCodable {
    public var postgresText: String? { uuidString.lowercased() }
    public static var postgresTypeOID: UInt32 { 2950 }  // uuid
    public init(postgresText: String) throws {
        guard let value = UUID(uuidString: postgresText) else {
            throw PostgresError.decoding("not a UUID", context: "UUID")
        }
        self = value
    }
}

/// Arrays travel as PostgreSQL array literals (`{a,b}`), every element quoted.
extension Array: PostgresEncodable where Element: PostgresEncodable {
    public var postgresText: String? {
        var text = "{"
        for (index, element) in enumerated() {
            if index > 0 { text += "," }
            guard let value = element.postgresText else { text += "NULL"; continue }
            text += "\""
            for scalar in value.unicodeScalars {
                if scalar == "\"" || scalar == "\\" { text += "\\" }
                text.unicodeScalars.append(scalar)
            }
            text += "\""
        }
        return text + "}"
    }
}
