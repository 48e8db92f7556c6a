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
        let directory = try CommuneDirectory.load(from: connection)
        let rows = try connection.query("SELECT code, name, commune_code FROM training_centers ORDER BY code").rows
        return try rows.map { row in
            let (code, name, communeCode) = try row.decode((String, String, String).self)
            return TrainingCenter(code: code, name: name, commune: try directory.require(communeCode))
        }
    }

    /// The centre with this code, or `unknownCenter`.
    public func require(_ input: String) throws -> TrainingCenter {
        let code = try TrainingCenter.normalizedCode(input)
        guard let center = try list().first(where: { $0.code == code }) else { throw HocAIError.unknownCenter(code) }
        return center
    }
}
