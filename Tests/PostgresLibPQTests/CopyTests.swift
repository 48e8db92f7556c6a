import HocAITestSupport
import PostgresLibPQ
import Testing

@Suite("COPY FROM STDIN")
struct CopyTests {
    @Test func copiesAMillionRows() throws {
        try TestDatabase.withDatabase(migrated: false) { db, _ in
            try db.execute(unsafeSQL: "CREATE TABLE numbers (n int8, label text)")
            var written = 0
            let copied = try db.copyIn("COPY numbers (n, label) FROM STDIN") { writer in
                for n in 1...1_000_000 {
                    try writer.writeRow([String(n), n % 2 == 0 ? "chẵn" : nil])
                }
                written = writer.rowsWritten
            }
            #expect(copied == 1_000_000)
            #expect(written == 1_000_000)
            let row = try #require(try db.query("""
                SELECT count(*), sum(n), count(label), count(*) FILTER (WHERE label = 'chẵn') FROM numbers
                """).first)
            let (count, sum, labelled, even) = try row.decode((Int, Int, Int, Int).self)
            #expect(count == 1_000_000)
            #expect(sum == 500_000_500_000)
            #expect(labelled == 500_000)
            #expect(even == 500_000)
        }
    }

    @Test func escapesTheTextFormatsSpecialCharacters() throws {
        try TestDatabase.withDatabase(migrated: false) { db, _ in
            try db.execute(unsafeSQL: "CREATE TABLE cells (id int, value text)")
            let values: [String?] = ["tab\there", "line\nbreak", "back\\slash", "\\N", "cr\rlf", "Đặng Thị Ánh", nil, ""]
            try db.copyIn("COPY cells (id, value) FROM STDIN") { writer in
                for (index, value) in values.enumerated() { try writer.writeRow([String(index), value]) }
            }
            let stored = try db.query("SELECT value FROM cells ORDER BY id").rows.map { try $0.decode(String?.self, at: 0) }
            #expect(stored == values)
        }
    }

    @Test func aProducerThatThrowsMidwayLeavesNothingBehind() throws {
        struct SourceFailed: Error {}
        try TestDatabase.withDatabase(migrated: false) { db, _ in
            try db.execute(unsafeSQL: "CREATE TABLE numbers (n int8)")
            #expect(throws: SourceFailed.self) {
                try db.copyIn("COPY numbers (n) FROM STDIN") { writer in
                    // Past several chunks, so some data has already reached the server.
                    for n in 1...500_000 {
                        try writer.writeRow([String(n)])
                        if n == 400_000 { throw SourceFailed() }
                    }
                }
            }
            #expect(try db.query("SELECT count(*) FROM numbers").scalar(Int.self) == 0)
            // The connection is out of COPY state and works.
            try db.copyIn("COPY numbers (n) FROM STDIN") { try $0.writeRow(["1"]) }
            #expect(try db.query("SELECT count(*) FROM numbers").scalar(Int.self) == 1)
        }
    }

    @Test func badDataFailsTheCopyWithTheServersError() throws {
        try TestDatabase.withDatabase(migrated: false) { db, _ in
            try db.execute(unsafeSQL: "CREATE TABLE numbers (n int8)")
            let error = #expect(throws: PostgresError.self) {
                try db.copyIn("COPY numbers (n) FROM STDIN") { writer in
                    try writer.writeRow(["1"])
                    try writer.writeRow(["not a number"])
                }
            }
            #expect(error?.state == .invalidTextRepresentation)
            #expect(try db.query("SELECT count(*) FROM numbers").scalar(Int.self) == 0)
        }
    }

    @Test func aCopyInsideATransactionRollsBackWithIt() throws {
        struct Later: Error {}
        try TestDatabase.withDatabase(migrated: false) { db, _ in
            try db.execute(unsafeSQL: "CREATE TABLE numbers (n int8)")
            #expect(throws: Later.self) {
                try db.transaction { tx in
                    try tx.copyIn("COPY numbers (n) FROM STDIN") { writer in
                        for n in 1...1000 { try writer.writeRow([String(n)]) }
                    }
                    throw Later()
                }
            }
            #expect(try db.query("SELECT count(*) FROM numbers").scalar(Int.self) == 0)
        }
    }
}
