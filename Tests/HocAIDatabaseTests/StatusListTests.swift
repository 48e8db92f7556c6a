import Foundation
import HocAI
import HocAITestSupport
import PostgresLibPQ
import Testing

/// Credentials that stay honest offline: a revocation reaches a credential signed before it,
/// through the signed status list; a tampered list, or one signed by another key, is refused;
/// keys rotate without breaking what the old ones signed.
@Suite("Revocation status lists and keys")
struct StatusListTests {
    /// A register with three passed learners; their certificate codes.
    private func withCertificates(_ body: (PostgresConnection, CertificateService, [String]) throws -> Void) throws {
        try withDatabaseAndFixtures { db, _, fixtures in
            try Cascade.prepare(db, fixtures: fixtures)
            let rows = [learnerHeader] + (0..<3).map { index in
                ["Hà Văn Một", "01909500480\(index)", "01/01/1995", "Nam", "", "Đại Từ", "TT01-C1",
                 Cascade.instructor(0), "01/06/2025", "20/06/2025", "Đạt", "9"]
            }
            _ = try importRoster(db, try fixtures.write("c.csv", Fixtures.csv(rows)), kind: .learners)
            let codes = try db.query("SELECT code FROM certificates WHERE track = 'learner' ORDER BY national_id").rows
                .map { try $0.decode(String.self, at: 0) }
            try body(db, CertificateService(connection: db, logger: TestDatabase.logger), codes)
        }
    }

    private let base = "https://hocai.example.vn"

    private func list(_ service: CertificateService, _ keys: SigningKeySet) throws -> String {
        try StatusList.credential(list: 1, revoked: try service.revokedStatusIndices(list: 1), key: try keys.active, baseURL: base)
    }

    @Test func aRevocationReachesACredentialSignedBeforeIt() throws {
        try withCertificates { db, service, codes in
            let keys = SigningKeySet.generate()
            let jwt = try service.credential(codes[0], keys: keys, baseURL: base)
            let other = try service.credential(codes[1], keys: keys, baseURL: base)
            let verified = try Credential.verify(jwt, keys: keys.publicKeys)
            #expect(verified.statusList == "\(base)/status/1")
            let index = try #require(verified.statusIndex)
            #expect((0..<StatusList.size).contains(index))
            // The same certificate keeps its entry; another gets its own.
            #expect(try Credential.verify(try service.credential(codes[0], keys: keys, baseURL: base), keys: keys.publicKeys).statusIndex == index)
            #expect(try Credential.verify(other, keys: keys.publicKeys).statusIndex != index)
            #expect(try db.query("SELECT count(*) FROM status_list_entries").scalar(Int.self) == 2)

            let before = try list(service, keys)
            #expect(try StatusList.check(verified, against: before, keys: keys.publicKeys).revoked == false)
            let version = try service.statusListVersion()
            _ = try service.revoke(codes[0], reason: "Cấp nhầm", on: CalendarDate(year: 2025, month: 7, day: 1)!)
            #expect(try service.statusListVersion() > version, "the revocation moved the lists' version in its transaction")
            let after = try list(service, keys)
            #expect(try StatusList.check(verified, against: after, keys: keys.publicKeys).revoked == true)
            // The list from before still says what it said; the other credential is untouched.
            #expect(try StatusList.check(verified, against: before, keys: keys.publicKeys).revoked == false)
            #expect(try StatusList.check(try Credential.verify(other, keys: keys.publicKeys), against: after, keys: keys.publicKeys).revoked == false)
            // A list for another list number is not this credential's.
            let wrong = try StatusList.credential(list: 2, revoked: [index], key: try keys.active, baseURL: base)
            #expect(throws: HocAIError.self) { try StatusList.check(verified, against: wrong, keys: keys.publicKeys) }
            // A revoked certificate gets no new credential.
            #expect(throws: HocAIError.self) { try service.credential(codes[0], keys: keys, baseURL: base) }
        }
    }

    @Test func aTamperedListOrOneSignedByAnotherKeyIsRefused() throws {
        try withCertificates { _, service, codes in
            let keys = SigningKeySet.generate()
            let verified = try Credential.verify(try service.credential(codes[0], keys: keys, baseURL: base), keys: keys.publicKeys)
            let index = try #require(verified.statusIndex)
            let genuine = try list(service, keys)
            // The bit flipped inside the signed payload, the signature kept.
            let parts = genuine.split(separator: ".").map(String.init)
            let payloadData = try #require(Data(base64URL: parts[1]))
            var payload = try #require(try JSONSerialization.jsonObject(with: payloadData) as? [String: Any])
            var subject = try #require(payload["credentialSubject"] as? [String: Any])
            subject["encodedList"] = StatusList.encode(revoked: [index])
            payload["credentialSubject"] = subject
            let forgedPayload = try JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys, .withoutEscapingSlashes])
            let flipped = [parts[0], forgedPayload.base64URLEncodedString(), parts[2]].joined(separator: ".")
            #expect(throws: HocAIError.self) { try StatusList.check(verified, against: flipped, keys: keys.publicKeys) }
            // The same list signed by another key.
            let stranger = try StatusList.credential(list: 1, revoked: [index], key: try SigningKeySet.generate().active, baseURL: base)
            #expect(throws: HocAIError.self) { try StatusList.check(verified, against: stranger, keys: keys.publicKeys) }
            // Not gzip, or a bomb: refused, not inflated.
            #expect(Gzip.decompress(Data("not gzip".utf8)) == nil)
            #expect(Gzip.decompress(Gzip.compress(Data(count: 32 << 20))) == nil)
        }
    }

    @Test func keysRotateAndRetireWithoutBreakingWhatTheySigned() throws {
        try withCertificates { _, service, codes in
            let fixtures = try Fixtures()
            defer { fixtures.remove() }
            let url = fixtures.url("tinh.jwks")
            var keys = SigningKeySet.generate()
            try keys.write(to: url)
            #expect(try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int == 0o600)
            let first = try service.credential(codes[0], keys: keys, baseURL: base)
            let firstKid = try keys.active.kid
            keys.rotate()
            try keys.write(to: url, replacing: true)
            keys = try SigningKeySet.read(from: url)
            #expect(keys.entries.count == 2)
            #expect(try keys.active.kid != firstKid)
            let second = try service.credential(codes[1], keys: keys, baseURL: base)
            // The published set verifies both; its kid names the key that signed.
            let published = try PublicKeySet.parse(keys.publicKeys.jwks, source: "jwks")
            #expect(try Credential.verify(first, keys: published).credentialID.hasSuffix(codes[0]))
            #expect(try Credential.verify(second, keys: published).credentialID.hasSuffix(codes[1]))
            let headerData = try #require(Data(base64URL: String(second.split(separator: ".")[0])))
            let header = String(decoding: headerData, as: UTF8.self)
            #expect(header.contains("\(base)/.well-known/jwks.json#\(try keys.active.kid)"))
            // The issuer's holder check works under either key.
            #expect(try Credential.holderMatches(first, nationalID: "019095004800", keys: keys))
            #expect(try Credential.holderMatches(second, nationalID: "019095004801", keys: keys))
            // Retiring: the old key stops signing but still verifies; the last signing key stays.
            try keys.retire(kid: firstKid)
            #expect(try keys.active.kid != firstKid)
            #expect(try Credential.verify(first, keys: keys.publicKeys).track == "learner")
            #expect(throws: HocAIError.self) { try keys.retire(kid: try keys.active.kid) }
            // A key file from before sets (one private JWK) still reads.
            let single = fixtures.url("old.jwk")
            let file = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            let members = try #require(file["keys"] as? [[String: Any]])
            try JSONSerialization.data(withJSONObject: members[1]).write(to: single)
            #expect(try SigningKeySet.read(from: single).active.kid == members[1]["kid"] as? String)
        }
    }
}

extension Data {
    func base64URLEncodedString() -> String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
