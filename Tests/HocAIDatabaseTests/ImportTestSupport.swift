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
    var options = ImportOptions(kind: kind)
    options.centerCode = center ?? (kind.needsCenter ? Cascade.center : nil)
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
