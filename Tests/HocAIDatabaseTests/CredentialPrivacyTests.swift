import Crypto
import Foundation
import HocAI
import HocAITestSupport
import PostgresLibPQ
import Testing

/// A credential handed to an employer does not give away its holder's CCCD (issue: faults and
/// privacy, §2).
@Suite("Credentials: the holder's identifier")
struct CredentialPrivacyTests {
    @Test(.hangGuard)
    func noCCCDConsistentWithWhatVerifyShowsMatchesTheIdentifierWithoutTheIssuersKey() throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            try Cascade.prepare(db, fixtures: fixtures)
            let holder = "019095004798"
            let rows = [learnerHeader, ["Hà Văn Một", holder, "01/01/1995", "Nam", "", "Đại Từ", "TT01-C1",
                                        Cascade.instructor(0), "01/06/2025", "20/06/2025", "Đạt", "9"]]
            _ = try importRoster(db, try fixtures.write("c.csv", Fixtures.csv(rows)), kind: .learners)
            let code = try db.query("SELECT code FROM certificates WHERE track = 'learner'").scalar(String.self)
            let service = CertificateService(connection: db, logger: TestDatabase.logger)
            let keys = SigningKeySet.generate()
            let jwt = try service.credential(code, keys: keys, baseURL: try PublicAddress.read(from: db))
            let shown = try service.lookup(code).holderID
            #expect(shown == "019*******98")

            // What the credential carries about its holder.
            let payload = String(decoding: try #require(Data(base64URL: String(jwt.split(separator: ".")[1]))), as: UTF8.self)
            #expect(!payload.contains("\"salt\""))
            let identifiers = try #require(payload.firstMatch(of: /"identityHash":"hmac-sha256\$([0-9a-f]{64})"/).map { String($0.1) })
            let subject = try #require(payload.firstMatch(of: /"sub":"urn:hocai:holder:([0-9a-f]{32})"/).map { String($0.1) })

            // Every CCCD the structure allows behind 019*******98 for someone aged 6 to 100 (its
            // century-and-sex digit and birth year, which an attacker may know, and the four
            // digits verify hides), hashed as anyone holding the credential could: none matches.
            let target = Data(hex: identifiers), subjectBytes = Data(hex: subject)
            var candidates = 0
            var matches = 0
            var bytes = Array("019000000098".utf8)
            for year in 1925...2019 {
                for female in [false, true] {
                    bytes[3] = UInt8(ascii: "0") + UInt8((year / 100 - 19) * 2 + (female ? 1 : 0))
                    bytes[4] = UInt8(ascii: "0") + UInt8(year % 100 / 10)
                    bytes[5] = UInt8(ascii: "0") + UInt8(year % 10)
                    for serial in 0..<10_000 {
                        bytes[6] = UInt8(ascii: "0") + UInt8(serial / 1000)
                        bytes[7] = UInt8(ascii: "0") + UInt8(serial / 100 % 10)
                        bytes[8] = UInt8(ascii: "0") + UInt8(serial / 10 % 10)
                        bytes[9] = UInt8(ascii: "0") + UInt8(serial % 10)
                        let digest = Data(SHA256.hash(data: bytes))
                        if digest == target || digest.prefix(16) == subjectBytes { matches += 1 }
                        candidates += 1
                    }
                }
            }
            #expect(candidates == 95 * 2 * 10_000)
            #expect(matches == 0)
            // The true CCCD, hashed plainly, does not match either.
            let plain = SHA256.hash(data: Data(holder.utf8)).map { String(format: "%02x", $0) }.joined()
            #expect(plain != identifiers)

            // The issuer, with its key, can tell the holder's CCCD from any other.
            #expect(try Credential.holderMatches(jwt, nationalID: holder, keys: keys))
            #expect(try !Credential.holderMatches(jwt, nationalID: "019095004797", keys: keys))
            #expect(try !Credential.holderMatches(jwt, nationalID: holder, keys: SigningKeySet.generate()))
        }
    }
}

extension Data {
    init(hex: String) {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        self.init(bytes)
    }

    init?(base64URL text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        self.init(base64Encoded: base64)
    }
}
