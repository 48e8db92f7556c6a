import Foundation
import HocAI
import PostgresLibPQ

/// Input files built by the tests, in a fresh temporary folder per use.
public struct Fixtures {
    public let directory: URL

    public init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hocai-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    public func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    public func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// Writes text as UTF-8 (optionally with a BOM) and returns its URL.
    @discardableResult
    public func write(_ name: String, _ text: String, bom: Bool = false) throws -> URL {
        let url = url(name)
        var data = Data(bom ? [0xEF, 0xBB, 0xBF] : [])
        data.append(Data(text.utf8))
        try data.write(to: url)
        return url
    }

    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) throws -> URL {
        let url = url(name)
        try Data(bytes).write(to: url)
        return url
    }

    /// Rows joined with `delimiter` and `lineEnding`, cells quoted where they need it.
    public static func csv(_ rows: [[String]], delimiter: String = ",", lineEnding: String = "\n") -> String {
        rows.map { row in
            row.map { cell in
                cell.contains(delimiter) || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")
                    ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
            }.joined(separator: delimiter)
        }.joined(separator: lineEnding) + lineEnding
    }

    /// A sample roster written by the generator the demo and benchmarks use.
    @discardableResult
    public func sample(
        _ name: String, kind: RosterKind, rows: Int, seed: UInt64 = 7, messy: Double = 0, experts: Int = 5,
        instructors: Int = 20, encoding: TextEncoding = .utf8, delimiter: CSVDelimiter = .comma, center: String = "TT01"
    ) throws -> (url: URL, expected: [SampleRoster.Defect: Int]) {
        var settings = SampleRoster.Settings(
            kind: kind, rows: rows, communes: try CommuneDirectory.shipped(sqlDirectory: TestDatabase.sqlDirectory).communes)
        settings.seed = seed
        settings.defectRate = messy
        settings.experts = experts
        settings.instructors = instructors
        settings.centerCode = center
        var roster = SampleRoster(settings: settings)
        let url = url(name)
        try roster.write(to: url, encoding: encoding, delimiter: delimiter)
        return (url, roster.expected)
    }
}

/// A register ready for learner imports: a centre, experts and instructors from the sample
/// cascade with `seed`, imported through the real importer.
public enum Cascade {
    public static let center = "TT01"

    public static func prepare(
        _ db: PostgresConnection, fixtures: Fixtures, seed: UInt64 = 7, experts: Int = 5, instructors: Int = 20
    ) throws {
        try CenterService(connection: db, logger: TestDatabase.logger).add(code: center, name: "Trung tâm Đại Từ", commune: "Đại Từ")
        try CenterService(connection: db, logger: TestDatabase.logger).add(code: "TT02", name: "Trung tâm Phổ Yên", commune: "Phổ Yên")
        let importer = RosterImporter(connection: db, logger: TestDatabase.logger)
        let expertsFile = try fixtures.sample("experts.csv", kind: .experts, rows: experts, seed: seed)
        _ = try importer.run(file: expertsFile.url, options: ImportOptions(kind: .experts))
        let instructorsFile = try fixtures.sample("instructors.csv", kind: .instructors, rows: instructors, seed: seed, experts: experts)
        _ = try importer.run(file: instructorsFile.url, options: ImportOptions(kind: .instructors, center: center))
    }

    /// The CCCD of sample instructor `index` for `seed`.
    public static func instructor(_ index: Int, seed: UInt64 = 7) -> String {
        SampleRoster.instructorID(seed: seed, index: index, today: SampleRoster.Settings.defaultToday)
    }

    public static func expert(_ index: Int, seed: UInt64 = 7) -> String {
        SampleRoster.expertID(seed: seed, index: index, today: SampleRoster.Settings.defaultToday)
    }
}
