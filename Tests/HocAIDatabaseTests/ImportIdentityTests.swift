import Foundation
import HocAI
import HocAITestSupport
import PostgresLibPQ
import Testing

/// One person, one row, keyed by the CCCD, however many times and ways a file names them.
@Suite("Import: identity and duplicates")
struct ImportIdentityTests {
    let an = ["Nguyễn Văn An", "019085000201", "01/02/1985", "Nam", "0912345678", "Đại Từ", "15/03/2025"]
    let binh = ["Trần Thị Bình", "006190000202", "06/05/1990", "Nữ", "", "Phổ Yên", "15/03/2025"]

    @Test func anIdenticalRowTwiceIsImportedOnceAndCounted() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            let url = try fixtures.write("x.csv", Fixtures.csv([expertHeader, an, binh, an]))
            let summary = try importRoster(db, url, kind: .experts)
            #expect((summary.rows, summary.accepted, summary.rejected) == (3, 3, 0))
            #expect(summary.duplicates == 1)
            #expect(summary.inserted == 2)
            #expect(try count(db, "people") == 2)
            #expect(try count(db, "certificates") == 2)
        }
    }

    @Test func theSameIDWithAnotherNameOrBirthDateRejectsEveryRowCitingTheOther() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            var otherName = an
            otherName[0] = "Nguyễn Văn Anh"
            var otherBirth = binh
            otherBirth[2] = "07/05/1990"
            let url = try fixtures.write("x.csv", Fixtures.csv([expertHeader, an, binh, otherName, otherBirth]))
            let summary = try importRoster(db, url, kind: .experts)
            #expect((summary.rows, summary.accepted, summary.rejected) == (4, 0, 4))
            let byLine = Dictionary(grouping: summary.rejects, by: \.line)
            #expect(byLine[2]?.first?.code == "person.conflict_in_file")
            #expect(byLine[2]?.first?.message.en.contains("line 4") == true)
            #expect(byLine[4]?.first?.message.en.contains("line 2") == true)
            #expect(byLine[3]?.first?.message.vi.contains("dòng 5") == true)
            #expect(byLine[5]?.first?.message.vi.contains("dòng 3") == true)
            #expect(try count(db, "people") == 0)
        }
    }

    @Test func nfcNfdAndTonePlacementSpellOneName() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            let hoa = ["Lê Thị Hòa", "019185000203", "01/02/1985", "Nữ", "", "Đại Từ", "15/03/2025"]
            var nfd = hoa
            nfd[0] = hoa[0].decomposedStringWithCanonicalMapping
            var oldStyle = hoa
            oldStyle[0] = "Lê Thị Hoà"
            let url = try fixtures.write("x.csv", Fixtures.csv([expertHeader, hoa, nfd, oldStyle]))
            let summary = try importRoster(db, url, kind: .experts)
            #expect(summary.rejected == 0, "\(summary.rejects)")
            #expect(try count(db, "people") == 1)
            // A later file with the other spelling is the same person too.
            let again = try fixtures.write("y.csv", Fixtures.csv([expertHeader, oldStyle]))
            #expect(try importRoster(db, again, kind: .experts).rejected == 0)
            #expect(try db.query("SELECT full_name FROM people").scalar(String.self) == "Lê Thị Hòa")
        }
    }

    /// Until an administrator decides (IdentityConflictTests), the register stands and the row
    /// is held, not rejected; the file's other rows update the register as usual.
    @Test func anIdentityConflictIsHeldAndTheOtherRowsTakePhoneAndCommuneUpdates() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            _ = try importRoster(db, try fixtures.write("a.csv", Fixtures.csv([expertHeader, an, binh])), kind: .experts)
            var renamed = an
            renamed[0] = "Nguyễn Văn Ân"
            var moved = binh
            moved[4] = "0387654321"
            moved[5] = "Phường Phan Đình Phùng"
            let summary = try importRoster(db, try fixtures.write("b.csv", Fixtures.csv([expertHeader, renamed, moved])), kind: .experts)
            #expect(summary.rejected == 0)
            #expect(summary.held == 1)
            #expect(summary.heldRows.first?.code == "person.identity_held")
            #expect(summary.heldRows.first?.line == 2)
            #expect(summary.heldRows.first?.columnName == "Họ và tên")
            #expect(summary.exitStatus == 3)
            #expect(try count(db, "identity_holds") == 1)
            #expect(summary.updated == 1)
            #expect(summary.inserted == 0)
            let people = try db.query("SELECT full_name, phone, commune_code FROM people ORDER BY national_id").rows.map {
                try $0.decode((String, String?, String).self)
            }
            #expect(people.map(\.0) == ["Trần Thị Bình", "Nguyễn Văn An"])
            #expect(people[0].1 == "+84387654321")
            #expect(people[0].2 == "05443")
        }
    }

    @Test func reimportingAFileChangesNothing() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            let url = try fixtures.write("a.csv", Fixtures.csv([expertHeader, an, binh]))
            let first = try importRoster(db, url, kind: .experts)
            #expect(first.inserted == 2)
            let before = try snapshot(db)
            let skipped = try importRoster(db, url, kind: .experts)
            #expect(skipped.alreadyImported)
            #expect(skipped.batchID == first.batchID)
            #expect(try snapshot(db) == before)
            let forced = try importRoster(db, url, kind: .experts) { $0.force = true }
            #expect(!forced.alreadyImported)
            #expect((forced.inserted, forced.updated, forced.unchanged) == (0, 0, 2))
            // Same content in a different file (another SHA-256): also no change.
            let copy = try fixtures.write("b.csv", Fixtures.csv([expertHeader, binh, an]))
            let again = try importRoster(db, copy, kind: .experts)
            #expect((again.inserted, again.updated, again.unchanged) == (0, 0, 2))
        }
    }
}
