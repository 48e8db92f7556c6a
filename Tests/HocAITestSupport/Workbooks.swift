import Foundation

/// Workbooks made and read by an outside client, Python's openpyxl (`Tests/Fixtures/workbooks.py`),
/// and encrypted by msoffcrypto-tool: `scripts/tools test` installs both.
public enum Workbooks {
    /// A workbook as openpyxl reads it.
    public struct Inspection: Decodable, Sendable {
        public let sheets: [Sheet]

        public struct Sheet: Decodable, Sendable {
            public let name: String
            public let max_row: Int
            public let rows: [[Cell]]
            /// Column letter → its number format.
            public let columns: [String: String]
            public let validations: [Validation]
            public let frozen: String?
        }

        public struct Cell: Decodable, Sendable {
            /// The value as text (a number's digits, a date as yyyy-mm-dd), nil for an empty cell.
            public let text: String?
            /// text, number, date, bool or empty.
            public let type: String
            public let format: String

            enum CodingKeys: String, CodingKey { case v, t, f }

            public init(from decoder: Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                type = try container.decode(String.self, forKey: .t)
                format = try container.decode(String.self, forKey: .f)
                if let text = try? container.decode(String.self, forKey: .v) { self.text = text }
                else if let bool = try? container.decode(Bool.self, forKey: .v) { self.text = bool ? "TRUE" : "FALSE" }
                else if let number = try? container.decode(Int.self, forKey: .v) { self.text = String(number) }
                else if let number = try? container.decode(Double.self, forKey: .v) { self.text = String(number) }
                else { self.text = nil }
            }
        }

        public struct Validation: Decodable, Sendable {
            public let sqref: String
            public let type: String?
            public let formula1: String?
        }
    }

    static var script: URL { TestDatabase.repositoryRoot.appendingPathComponent("Tests/Fixtures/workbooks.py") }

    @discardableResult
    public static func python(_ arguments: [String]) throws -> String {
        try run("/usr/bin/env", ["python3", script.path] + arguments, missing: "openpyxl (pip)")
    }

    public static func inspect(_ url: URL) throws -> Inspection {
        try JSONDecoder().decode(Inspection.self, from: Data(python(["inspect", url.path]).utf8))
    }

    /// One of the script's workbooks (`features`, `bomb`, `strings`, `laughs`, `damaged`).
    public static func make(_ name: String, at url: URL) throws {
        try python([name, url.path])
    }

    /// The workbook protected by a password, as Excel's "Encrypt with Password" keeps it.
    public static func encrypt(_ input: URL, to output: URL) throws {
        try run("/usr/bin/env", ["msoffcrypto-tool", "-e", "-p", "secret", input.path, output.path], missing: "msoffcrypto-tool (pip)")
    }

    @discardableResult
    private static func run(_ program: String, _ arguments: [String], missing: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestSupportError("\(arguments.prefix(3).joined(separator: " ")) failed (\(process.terminationStatus)); scripts/tools test installs \(missing): \(String(decoding: errors, as: UTF8.self).suffix(600))")
        }
        return String(decoding: output, as: UTF8.self)
    }
}
