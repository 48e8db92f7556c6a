import Foundation
import HocAI
import HocAITestSupport
import PostgresLibPQ

let personHeader = ["Họ và tên", "Số CCCD", "Ngày sinh", "Giới tính", "Số điện thoại", "Xã/Phường"]
let expertHeader = personHeader + ["Ngày công nhận"]
let learnerHeader = personHeader + ["Mã lớp", "CCCD giảng viên", "Ngày đăng ký", "Ngày hoàn thành", "Kết quả", "Điểm"]

/// Runs the importer the way the CLI does.
func importRoster(
    _ db: PostgresConnection, _ url: URL, kind: RosterKind, center: String? = nil,
    configure: (inout ImportOptions) -> Void = { _ in }
) throws -> ImportSummary {
    var options = ImportOptions(kind: kind, center: center ?? (kind.needsCenter ? Cascade.center : nil))
    configure(&options)
    return try RosterImporter(connection: db, logger: TestDatabase.logger).run(file: url, options: options)
}

func count(_ db: PostgresConnection, _ table: String) throws -> Int {
    try db.execute(unsafeSQL: "SELECT count(*) FROM \(table)").scalar(Int.self)
}

/// Row counts of every table an import writes, to show that nothing changed.
func snapshot(_ db: PostgresConnection) throws -> [Int] {
    try ["people", "classes", "enrolments", "certificates", "completions", "import_batches", "audit_log"].map { try count(db, $0) }
}

func withFixtures<T>(_ body: (Fixtures) throws -> T) throws -> T {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    return try body(fixtures)
}

/// A fresh database (its connection and name) and a folder of fixtures; both are gone afterwards.
func withDatabaseAndFixtures<T>(_ body: (PostgresConnection, String, Fixtures) throws -> T) throws -> T {
    try TestDatabase.withDatabase { db, name in
        try withFixtures { fixtures in try body(db, name, fixtures) }
    }
}

/// The plain recount's rows (scripts/recount.sql) as "group/dimension/key" → count.
func recount(_ db: PostgresConnection, asOf date: CalendarDate) throws -> [String: Int] {
    let sql = try String(contentsOf: TestDatabase.repositoryRoot.appendingPathComponent("scripts/recount.sql"), encoding: .utf8)
        .replacingOccurrences(of: ":as_of", with: "'\(date.description)'")
    var result: [String: Int] = [:]
    for row in try db.execute(unsafeSQL: sql).rows {
        let (group, dimension, key, count) = try row.decode((String, String, String?, Int).self)
        result["\(group)/\(dimension)/\(key ?? "")"] = count
    }
    return result
}

/// The summary's figures in the same shape, read straight from report_events.
func summary(_ db: PostgresConnection, asOf date: CalendarDate) throws -> [String: Int] {
    var result: [String: Int] = [:]
    for row in try db.query("""
        SELECT target_group, dimension, key, sum(delta)::bigint FROM report_events WHERE day <= \(date)
        GROUP BY 1, 2, 3 HAVING sum(delta) <> 0
        """).rows {
        let (group, dimension, key, count) = try row.decode((String, String, String, Int).self)
        result["\(group)/\(dimension)/\(key)"] = count
    }
    return result
}

/// The summary equals the plain recount on `date`: the differing keys, empty when they agree.
func summaryDiffersFromRecount(_ db: PostgresConnection, asOf date: CalendarDate) throws -> [String] {
    let plain = try recount(db, asOf: date).filter { $0.value != 0 }
    let fast = try summary(db, asOf: date)
    return Set(plain.keys).union(fast.keys).filter { plain[$0] != fast[$0] }.sorted()
        .map { "\($0): summary \(fast[$0] ?? 0), recount \(plain[$0] ?? 0)" }
}

/// The certificates whose first pass date, as verify shows it on `date`, is not the plain
/// recount's: the earliest of the holder's passes (learners) or accreditations (trainers) of the
/// track dated on or before it that no revocation dated between the two voids. Written apart
/// from valid_evidence and the kept first passes (sql/017) on purpose. A revoked certificate
/// shows none.
func firstPassesDifferFromRecount(_ db: PostgresConnection, asOf date: CalendarDate) throws -> [String] {
    try db.query("""
        WITH checked AS (
            SELECT c.code, v.first_passed_on AS shown,
                   CASE WHEN NOT c.revoked THEN (
                       SELECT min(e.day) FROM (
                           SELECT x.completed_on AS day, x.class_id FROM completions x
                           WHERE c.track = 'learner' AND x.national_id = c.national_id AND x.result = 'pass'
                           UNION ALL
                           SELECT a.certified_on, NULL FROM accreditations a
                           WHERE a.national_id = c.national_id AND a.track = c.track) e
                       WHERE e.day <= \(date)
                         AND NOT EXISTS (SELECT 1 FROM revocations r JOIN certificates rc ON rc.code = r.certificate_code
                                         WHERE rc.national_id = c.national_id AND rc.track = c.track
                                           AND r.revoked_on >= e.day AND r.revoked_on <= \(date)
                                           AND (c.track <> 'learner' OR r.class_id = e.class_id))) END AS recounted
            FROM certificates c CROSS JOIN LATERAL verify_certificate(c.code, \(date)) v
        )
        SELECT code || ': shown ' || COALESCE(shown::text, 'none') || ', recount ' || COALESCE(recounted::text, 'none')
        FROM checked WHERE shown IS DISTINCT FROM recounted ORDER BY code
        """).rows.map { try $0.decode(String.self) }
}

/// What verify shows as each holder's first pass on `date`, by holder and track (certificate
/// codes differ between orders), one line each.
func firstPassesShown(_ db: PostgresConnection, asOf date: CalendarDate) throws -> String {
    try db.query("""
        SELECT c.national_id || ' ' || c.track || ' ' || COALESCE(v.first_passed_on::text, 'none')
        FROM certificates c CROSS JOIN LATERAL verify_certificate(c.code, \(date)) v
        WHERE NOT c.revoked ORDER BY 1
        """).rows.map { try $0.decode(String.self) }.joined(separator: "\n")
}

/// The import lock's key (RosterMerge.lockKey, ASCII "hocaiimp"), as pg_locks shows it.
enum RosterMergeLock {
    static let key: Int64 = 0x686F_6361_6969_6D70
}
