import HocAITestSupport
import PostgresLibPQ
import Testing

@Suite("Queries against a real PostgreSQL")
struct QueryTests {
    @Test func nullsBindAndDecodeOnlyIntoOptionals() throws {
        try TestDatabase.withDatabase(migrated: false) { db, _ in
            let nothing: String? = nil
            let noNumber: Int? = nil
            let row = try #require(try db.query("SELECT \(nothing)::text IS NULL, \(noNumber)::int8, \(Int?(7))::int8").first)
            let (isNull, number, seven) = try row.decode((Bool, Int?, Int?).self)
            #expect(isNull)
            #expect(number == nil)
            #expect(seven == 7)
            let error = #expect(throws: PostgresError.self) { try row.decode(Int.self, at: 1) }
            #expect(error?.code == .unexpectedNull)
        }
    }

    @Test func unicodeRoundTripsByteForByteInBothForms() throws {
        try TestDatabase.withDatabase(migrated: false) { db, _ in
            try db.execute(unsafeSQL: "CREATE TABLE names (id int PRIMARY KEY, name text NOT NULL)")
            let nfc = "Nguyễn Thị Hòa"
            let nfd = nfc.decomposedStringWithCanonicalMapping
            #expect(Array(nfc.utf8) != Array(nfd.utf8))
            try db.query("INSERT INTO names VALUES (1, \(nfc)), (2, \(nfd))")
            let stored = try db.query("SELECT name FROM names ORDER BY id").rows.map { try $0.decode(String.self, at: 0) }
            #expect(stored.map { Array($0.utf8) } == [Array(nfc.utf8), Array(nfd.utf8)])
            // The server sees two different byte strings until it normalises them.
            let (equalRaw, equalNormalised) = try #require(try db.query("""
                SELECT a.name = b.name, normalize(a.name, NFC) = normalize(b.name, NFC)
                FROM names a, names b WHERE a.id = 1 AND b.id = 2
                """).first).decode((Bool, Bool).self)
            #expect(!equalRaw)
            #expect(equalNormalised)
            #expect(try db.query("SELECT \(nfd) IS NFC NORMALIZED").scalar(Bool.self) == false)
            let lengths = try #require(try db.query("SELECT length(\(nfc)), octet_length(\(nfc))").first)
            let (characters, bytes) = try lengths.decode((Int, Int).self)
            #expect(characters == 14)
            #expect(bytes == nfc.utf8.count)
        }
    }

    @Test func anInjectionStringIsStoredAsPlainData() throws {
        try TestDatabase.withDatabase(migrated: false) { db, _ in
            try db.execute(unsafeSQL: "CREATE TABLE notes (id int PRIMARY KEY, body text)")
            let attack = "x'); DROP TABLE notes; --"
            try db.query("INSERT INTO notes VALUES (1, \(attack))")
            let body = try db.query("SELECT body FROM notes WHERE body = \(attack)").scalar(String.self)
            #expect(body == attack)
            #expect(try db.query("SELECT count(*) FROM notes").scalar(Int.self) == 1)
            let query: PostgresQuery = "SELECT \(attack), \(1)"
            #expect(query.sql == "SELECT $1, $2")
        }
    }

    @Test func aUniqueViolationCarriesSQLStateAndConstraint() throws {
        try TestDatabase.withDatabase(migrated: false) { db, _ in
            try db.execute(unsafeSQL: "CREATE TABLE ids (id text CONSTRAINT ids_pkey PRIMARY KEY)")
            try db.query("INSERT INTO ids VALUES (\("019203000123"))")
            let error = #expect(throws: PostgresError.self) {
                try db.query("INSERT INTO ids VALUES (\("019203000123"))")
            }
            #expect(error?.state == .uniqueViolation)
            #expect(error?.isUniqueViolation == true)
            #expect(error?.constraint == "ids_pkey")
            #expect(error?.detail?.contains("019203000123") == true)
            // The description is safe to log: no server message or detail, so no data.
            #expect(error.map { !"\($0)".contains("019203000123") } == true)
            // The connection is still usable.
            #expect(try db.query("SELECT 1").scalar(Int.self) == 1)
        }
    }

    @Test func aTransactionRollsBackWhenItsBodyThrows() throws {
        struct Boom: Error {}
        try TestDatabase.withDatabase(migrated: false) { db, _ in
            try db.execute(unsafeSQL: "CREATE TABLE t (n int)")
            #expect(throws: Boom.self) {
                try db.transaction { tx in
                    try tx.query("INSERT INTO t VALUES (\(1))")
                    #expect(try tx.query("SELECT count(*) FROM t").scalar(Int.self) == 1)
                    throw Boom()
                }
            }
            #expect(try db.query("SELECT count(*) FROM t").scalar(Int.self) == 0)
            let committed = try db.transaction { tx in try tx.query("INSERT INTO t VALUES (\(2))").affectedRows }
            #expect(committed == 1)
            #expect(try db.query("SELECT count(*) FROM t").scalar(Int.self) == 1)
        }
    }

    @Test func aServerErrorInsideATransactionRollsBack() throws {
        try TestDatabase.withDatabase(migrated: false) { db, _ in
            try db.execute(unsafeSQL: "CREATE TABLE t (n int CHECK (n > 0))")
            let error = #expect(throws: PostgresError.self) {
                try db.transaction { tx in
                    try tx.query("INSERT INTO t VALUES (\(1))")
                    try tx.query("INSERT INTO t VALUES (\(-1))")
                }
            }
            #expect(error?.isCheckViolation == true)
            #expect(try db.query("SELECT count(*) FROM t").scalar(Int.self) == 0)
        }
    }

    @Test func streamingReadsRowsOneAtATimeAndCanStopEarly() throws {
        struct Enough: Error {}
        try TestDatabase.withDatabase(migrated: false) { db, _ in
            var sum = 0
            let count = try db.stream("SELECT n FROM generate_series(1, \(200_000)) AS n") { row in
                sum += try row.decode(Int.self, at: 0)
            }
            #expect(count == 200_000)
            #expect(sum == 200_000 * 200_001 / 2)
            var seen = 0
            #expect(throws: Enough.self) {
                try db.stream("SELECT n FROM generate_series(1, 1000000) AS n") { _ in
                    seen += 1
                    if seen == 10 { throw Enough() }
                }
            }
            #expect(seen == 10)
            #expect(try db.query("SELECT 2").scalar(Int.self) == 2)
        }
    }

    @Test func aFailedConnectionSaysWhy() throws {
        let error = #expect(throws: PostgresError.self) {
            _ = try PostgresConnection(
                connectionString: "postgresql://nobody@/nodb?host=/nonexistent-socket-dir&port=1", logger: TestDatabase.logger)
        }
        #expect(error?.code == .connectionFailed)
        #expect(error?.message.contains("nonexistent-socket-dir") == true)
    }

    @Test func serverNoticesGoToTheLoggerNotStderr() throws {
        let capture = LogCapture()
        try TestDatabase.withDatabase(migrated: false) { _, name in
            let db = try TestDatabase.connect(database: name, logger: capture.logger())
            defer { db.close() }
            try db.execute(unsafeSQL: "DO $$ BEGIN RAISE WARNING 'careful now'; END $$")
        }
        let notice = try #require(capture.entries.first { $0.message == "postgres warning" })
        #expect(notice.level == .warning)
        #expect(notice.metadata["message"] == "careful now")
    }

    @Test func aClosedConnectionRefusesWork() throws {
        try TestDatabase.withDatabase(migrated: false) { _, name in
            let db = try TestDatabase.connect(database: name)
            db.close()
            let error = #expect(throws: PostgresError.self) { try db.query("SELECT 1") }
            #expect(error?.code == .connectionClosed)
        }
    }
}
