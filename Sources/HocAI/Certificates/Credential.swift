import Crypto
import Foundation

/// An Open Badges 3.0 credential (a W3C Verifiable Credential) for a certificate, as a VC-JWT
/// signed with Ed25519 (`alg: EdDSA`): it verifies with the province's public key alone, offline.
///
/// The holder is identified by a keyed hash of their national ID, HMAC-SHA256 under a key only
/// the issuer holds (derived from its signing key), never the ID itself nor anything computable
/// from it: a CCCD has few unknown digits once the province, century, sex and year are known, so
/// a plain or salted hash travelling with its salt was reversed by brute force in seconds. The
/// holder shows the credential is theirs with the printed certificate (full name) and the
/// verification page; the issuer, holding the key, can confirm a CCCD (`holderMatches`).
public enum Credential {
    public static let issuerName = "Ban Chỉ đạo \"Bình dân học AI\" tỉnh Thái Nguyên"

    static func issuerID(baseURL: String) -> String { "\(baseURL)/issuer" }

    /// The `kid` of what `key` signs: the published key set's URL and the key's thumbprint.
    static func keyID(_ key: SigningKey, baseURL: String) -> String { "\(baseURL)/.well-known/jwks.json#\(key.kid)" }

    /// The signed credential for `record`, as compact JWS text, with its status list entry.
    public static func issue(
        record: CertificateRecord, nationalID: String, key: SigningKey, status: StatusList.Entry?,
        baseURL: String, now: Date = Date()
    ) throws -> String {
        let digest = holderDigest(nationalID: nationalID, key: key)
        let identityHash = "hmac-sha256$" + digest
        let subjectID = "urn:hocai:holder:" + String(digest.prefix(32))
        let credentialID = "urn:hocai:certificate:\(record.code.value)"
        let validFrom = "\(record.issuedOn.description)T00:00:00+07:00"
        let issuer = issuerID(baseURL: baseURL)
        var credential: [String: Any] = [
            "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
            "id": credentialID,
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "issuer": ["id": issuer, "type": ["Profile"], "name": issuerName],
            "validFrom": validFrom,
            "name": "Bình dân học AI: \(record.track.vietnameseName)",
            "credentialSubject": [
                "id": subjectID,
                "type": ["AchievementSubject"],
                "identifier": [[
                    "type": "IdentityObject", "identityType": "identifier", "hashed": true,
                    "identityHash": identityHash,
                ]],
                "achievement": [
                    "id": "urn:hocai:achievement:\(record.track.rawValue)",
                    "type": ["Achievement"],
                    "achievementType": "Certificate",
                    "name": "Bình dân học AI",
                    "description": "\(record.track.vietnameseName) (\(record.track.englishName)) — chương trình \"Bình dân học AI\" tỉnh Thái Nguyên.",
                    "criteria": ["narrative": criteria(record.track)],
                    "tag": [record.track.rawValue],
                ] as [String: Any],
            ] as [String: Any],
        ]
        if let status { credential["credentialStatus"] = StatusList.statusMember(status, baseURL: baseURL) }
        var payload = credential
        payload["iss"] = issuer
        payload["jti"] = credentialID
        payload["sub"] = subjectID
        payload["nbf"] = Int(validFromEpoch(record.issuedOn))
        payload["iat"] = Int(now.timeIntervalSince1970)
        return try JWS.sign(header: ["alg": "EdDSA", "typ": "JWT", "kid": keyID(key, baseURL: baseURL)], payload: payload, key: key)
    }

    /// What a verified credential says.
    public struct Verified: Sendable, Equatable {
        public let credentialID: String
        public let achievement: String
        public let track: String
        public let validFrom: String
        public let issuer: String
        /// The status list's URL and this credential's index there, if it has one.
        public let statusList: String?
        public let statusIndex: Int?
    }

    /// Checks the signature against `keys` and reads the claims; any altered byte fails.
    public static func verify(_ jwt: String, keys: PublicKeySet) throws -> Verified {
        let (_, payload) = try JWS.verify(jwt, keys: keys)
        guard let types = payload["type"] as? [String], types.contains("OpenBadgeCredential"),
              let subject = payload["credentialSubject"] as? [String: Any],
              let achievement = subject["achievement"] as? [String: Any],
              let issuer = payload["issuer"] as? [String: Any] else {
            throw HocAIError.credentialInvalid("nội dung không phải OpenBadgeCredential / the payload is not an OpenBadgeCredential")
        }
        let status = payload["credentialStatus"] as? [String: Any]
        return Verified(
            credentialID: payload["id"] as? String ?? "", achievement: achievement["name"] as? String ?? "",
            track: (achievement["tag"] as? [String])?.first ?? "", validFrom: payload["validFrom"] as? String ?? "",
            issuer: issuer["name"] as? String ?? "", statusList: status?["statusListCredential"] as? String,
            statusIndex: (status?["statusListIndex"] as? String).flatMap(Int.init))
    }

    /// The keyed hash of a holder's CCCD, hex.
    static func holderDigest(nationalID: String, key: SigningKey) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(nationalID.utf8), using: key.holderIdentifierKey)).hexString()
    }

    /// The issuer's check: whether the credential's holder is the person with this CCCD (under
    /// whichever of the issuer's keys signed it).
    public static func holderMatches(_ jwt: String, nationalID: String, keys: SigningKeySet) throws -> Bool {
        guard let payload = JWS.unverifiedPayload(jwt), let subject = payload["credentialSubject"] as? [String: Any],
              let identifiers = subject["identifier"] as? [[String: Any]] else {
            throw HocAIError.credentialInvalid("không phải JWT / not a JWT")
        }
        let hashes = Set(identifiers.compactMap { $0["identityHash"] as? String })
        return keys.entries.contains { hashes.contains("hmac-sha256$" + holderDigest(nationalID: nationalID, key: $0.key)) }
    }

    static func criteria(_ track: CertificateRecord.Track) -> String {
        switch track {
        case .expert: "Được tỉnh công nhận là chuyên gia đào tạo cấp tỉnh."
        case .instructor: "Hoàn thành khoá đào tạo giảng viên nòng cốt do chuyên gia cấp tỉnh giảng dạy."
        case .learner: "Hoàn thành và đạt khoá học sử dụng AI cơ bản do giảng viên nòng cốt giảng dạy."
        }
    }

    static func validFromEpoch(_ date: CalendarDate) -> Int {
        date.daysSinceEpoch * 86_400 - 7 * 3600
    }
}
