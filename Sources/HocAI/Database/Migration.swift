import Crypto
import Foundation

/// One numbered schema file from `sql/`, e.g. `002_people_and_training.sql`.
public struct Migration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let sql: String
    /// SHA-256 of the file's bytes, hex: an applied migration must never change.
    public let checksum: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
        self.checksum = SHA256.hexDigest(of: Data(sql.utf8))
    }

    /// Reads every `NNN_name.sql` in `directory`, in version order. Other files are ignored.
    public static func load(from directory: URL) throws -> [Migration] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw HocAIError.migrationsNotFound(directory.path)
        }
        var migrations: [Migration] = []
        for name in names where name.hasSuffix(".sql") {
            guard let underscore = name.firstIndex(of: "_"), let version = Int(name[..<underscore]) else { continue }
            let sql = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            migrations.append(Migration(version: version, name: name, sql: sql))
        }
        migrations.sort { $0.version < $1.version }
        for (previous, next) in zip(migrations, migrations.dropFirst()) where previous.version == next.version {
            throw HocAIError.duplicateMigration(version: next.version)
        }
        guard !migrations.isEmpty else { throw HocAIError.migrationsNotFound(directory.path) }
        return migrations
    }

    /// Finds the `sql/` folder: `HOCAI_SQL_DIR`, else `sql/` in the working directory or beside
    /// (or above) the running executable, as in a checkout where the binary is under `.build/`.
    /// `explicit` (a command-line option) wins over everything.
    public static func locateDirectory(
        explicit: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> URL {
        if let explicit, !explicit.isEmpty { return URL(fileURLWithPath: explicit) }
        if let path = environment["HOCAI_SQL_DIR"], !path.isEmpty { return URL(fileURLWithPath: path) }
        var candidates = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(directory)
            directory = directory.deletingLastPathComponent()
        }
        for candidate in candidates {
            let sql = candidate.appendingPathComponent("sql")
            if FileManager.default.fileExists(atPath: sql.appendingPathComponent("001_reference_data.sql").path) {
                return sql
            }
        }
        throw HocAIError.migrationsNotFound("sql/")
    }
}

extension SHA256 {
    static func hexDigest(of data: Data) -> String {
        hash(data: data).hexString()
    }
}
