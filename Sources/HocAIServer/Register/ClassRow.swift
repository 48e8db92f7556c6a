import HocAI
import PostgresLibPQ

/// A class as the lists show it (the API's `/api/v1/classes`, an instructor's page): row-level
/// security leaves a centre its own classes and an instructor the classes they teach.
struct ClassRow: Sendable {
    let code: String
    let center: String
    let track: String
    let learners: Int

    static func visible(_ connection: PostgresConnection, limit: Int) throws -> [ClassRow] {
        try connection.query("\(unescaped: columns) ORDER BY c.center_code, c.code LIMIT \(limit)").rows.map(ClassRow.init(row:))
    }

    /// The class, if the account may see it.
    static func find(_ connection: PostgresConnection, code: String) throws -> ClassRow? {
        try connection.query("\(unescaped: columns) WHERE c.code = \(code)").first.map(ClassRow.init(row:))
    }

    private static let columns = """
        SELECT c.code, c.center_code, c.track::text, (SELECT count(*) FROM enrolments e WHERE e.class_id = c.id)
        FROM classes c
        """

    private init(row: PostgresRow) throws {
        (code, center, track, learners) = try row.decode((String, String, String, Int).self)
    }

    var object: [String: Any] { ["code": code, "center": center, "track": track, "learners": learners] }
}

/// A class's learner with their latest result in it.
struct ClassLearner: Sendable {
    let nationalID: String
    let name: String
    let enrolledOn: String?
    let result: String?
    let completedOn: String?
    let score: Double?

    static func list(_ connection: PostgresConnection, classCode code: String) throws -> [ClassLearner] {
        try connection.query("""
            SELECT p.national_id, p.full_name, e.enrolled_on::text, last.result, last.completed_on::text, last.score::float8
            FROM classes c JOIN enrolments e ON e.class_id = c.id JOIN people p ON p.national_id = e.national_id
            LEFT JOIN LATERAL (
                SELECT x.result, x.completed_on, x.score FROM completions x
                WHERE x.class_id = c.id AND x.national_id = e.national_id
                ORDER BY x.completed_on DESC, x.result DESC LIMIT 1) last ON true
            WHERE c.code = \(code) ORDER BY p.full_name, p.national_id
            """).rows.map { row in
                let (id, name, enrolled, result, completed, score) = try row.decode((String, String, String?, String?, String?, Double?).self)
                return ClassLearner(nationalID: id, name: name, enrolledOn: enrolled, result: result, completedOn: completed, score: score)
            }
    }

    var object: [String: Any] {
        var object: [String: Any] = ["national_id": nationalID, "name": name]
        object["enrolled_on"] = enrolledOn
        object["result"] = result
        object["completed_on"] = completedOn
        object["score"] = score
        return object
    }
}
