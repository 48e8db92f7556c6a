import Logging
import PostgresLibPQ

/// Registers and lists training centres.
public struct CenterService {
    let connection: PostgresConnection
    let logger: Logger

    public init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// Adds a centre in the given commune (by code or name), recording it in the audit log.
    @discardableResult
    public func add(code input: String, name: String, commune communeInput: String) throws -> TrainingCenter {
        let code = try TrainingCenter.normalizedCode(input)
        let name = VietnameseText.clean(name)
        guard !name.isEmpty, name.count <= 200, !name.unicodeScalars.contains(where: VietnameseText.isInvisibleOrControl) else {
            throw HocAIError.invalidCenterName()
        }
        let commune = try CommuneDirectory.load(from: connection).require(communeInput)
        do {
            try connection.transaction { connection in
                try connection.query("""
                    INSERT INTO training_centers (code, name, commune_code) VALUES (\(code), \(name), \(commune.code))
                    """)
                try AuditLog.record(action: "center.add", subject: "center:\(code)", on: connection)
            }
        } catch let error as PostgresError where error.isUniqueViolation {
            throw HocAIError.centerExists(code)
        }
        logger.info("centre added", metadata: ["center": "\(code)", "commune": "\(commune.code)"])
        return TrainingCenter(code: code, name: name, commune: commune)
    }

    /// All centres, by code.
    public func list() throws -> [TrainingCenter] {
        try centers(where: nil)
    }

    /// The centre with this code, or `unknownCenter`.
    public func require(_ input: String) throws -> TrainingCenter {
        let code = try TrainingCenter.normalizedCode(input)
        guard let center = try centers(where: code).first else { throw HocAIError.unknownCenter(code) }
        return center
    }

    /// The centres with their communes, in one statement: all of them, or the one with `code`.
    private func centers(where code: String?) throws -> [TrainingCenter] {
        try connection.query("""
            SELECT t.code, t.name, c.code, c.name, c.kind
            FROM training_centers t JOIN communes c ON c.code = t.commune_code
            WHERE \(code)::text IS NULL OR t.code = \(code)
            ORDER BY t.code
            """).rows.map { row in
            let (code, name, communeCode, communeName, kind) = try row.decode((String, String, String, String, String).self)
            return TrainingCenter(code: code, name: name,
                                  commune: Commune(code: communeCode, name: communeName, kind: Commune.Kind(rawValue: kind) ?? .commune))
        }
    }
}
