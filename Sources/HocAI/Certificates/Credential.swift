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
    /// Who signs: the programme's issuing profile.
    public static let issuerID = "https://hocai.thainguyen.gov.vn/issuer"
    public static let issuerName = "Ban Chỉ đạo \"Bình dân học AI\" tỉnh Thái Nguyên"

    /// The signed credential for `record`, as compact JWS text.
    public static func issue(record: CertificateRecord, nationalID: String, key: SigningKey, now: Date = Date()) throws -> String {
        let digest = holderDigest(nationalID: nationalID, key: key)
        let identityHash = "hmac-sha256$" + digest
        let subjectID = "urn:hocai:holder:" + String(digest.prefix(32))
        let credentialID = "urn:hocai:certificate:\(record.code.value)"
        let validFrom = "\(record.issuedOn.description)T00:00:00+07:00"
        let credential: [String: Any] = [
            "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
            "id": credentialID,
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "issuer": ["id": issuerID, "type": ["Profile"], "name": issuerName],
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
        var payload = credential
        payload["iss"] = issuerID
        payload["jti"] = credentialID
        payload["sub"] = subjectID
        payload["nbf"] = Int(validFromEpoch(record.issuedOn))
        payload["iat"] = Int(now.timeIntervalSince1970)
        let header: [String: Any] = ["alg": "EdDSA", "typ": "JWT", "kid": "\(issuerID)#key-1"]
        let signingInput = try encodeJSON(header) + "." + encodeJSON(payload)
        let signature = try key.sign(Data(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// What a verified credential says.
    public struct Verified: Sendable, Equatable {
        public let credentialID: String
        public let achievement: String
        public let track: String
        public let validFrom: String
        public let issuer: String
    }

    /// Checks the signature with the public key and reads the claims; any altered byte fails.
    public static func verify(_ jwt: String, publicKey: SigningKey.PublicKey) throws -> Verified {
        let parts = jwt.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = Base64URL.decode(String(parts[0])),
              let payloadData = Base64URL.decode(String(parts[1])), let signature = Base64URL.decode(String(parts[2])) else {
            throw HocAIError.credentialInvalid("không phải JWT / not a JWT")
        }
        guard let header = try? JSONSerialization.jsonObject(with: headerData) as? [String: Any], header["alg"] as? String == "EdDSA" else {
            throw HocAIError.credentialInvalid("thuật toán không phải EdDSA / algorithm is not EdDSA")
        }
        guard publicKey.isValidSignature(signature, for: Data("\(parts[0]).\(parts[1])".utf8)) else {
            throw HocAIError.credentialInvalid("chữ ký không khớp khoá công khai / the signature does not match the public key")
        }
        guard let payload = try? JSONSerialization.jsonObject(with: payloadData) as? [String: Any],
              let types = payload["type"] as? [String], types.contains("OpenBadgeCredential"),
              let subject = payload["credentialSubject"] as? [String: Any],
              let achievement = subject["achievement"] as? [String: Any],
              let issuer = payload["issuer"] as? [String: Any] else {
            throw HocAIError.credentialInvalid("nội dung không phải OpenBadgeCredential / the payload is not an OpenBadgeCredential")
        }
        return Verified(
            credentialID: payload["id"] as? String ?? "", achievement: achievement["name"] as? String ?? "",
            track: (achievement["tag"] as? [String])?.first ?? "", validFrom: payload["validFrom"] as? String ?? "",
            issuer: issuer["name"] as? String ?? "")
    }

    /// The keyed hash of a holder's CCCD, hex.
    static func holderDigest(nationalID: String, key: SigningKey) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(nationalID.utf8), using: key.holderIdentifierKey)).hexString()
    }

    /// The issuer's check: whether the credential's holder is the person with this CCCD.
    public static func holderMatches(_ jwt: String, nationalID: String, key: SigningKey) throws -> Bool {
        let parts = jwt.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payloadData = Base64URL.decode(String(parts[1])),
              let payload = try? JSONSerialization.jsonObject(with: payloadData) as? [String: Any],
              let subject = payload["credentialSubject"] as? [String: Any],
              let identifiers = subject["identifier"] as? [[String: Any]] else {
            throw HocAIError.credentialInvalid("không phải JWT / not a JWT")
        }
        let expected = "hmac-sha256$" + holderDigest(nationalID: nationalID, key: key)
        return identifiers.contains { $0["identityHash"] as? String == expected }
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

    static func encodeJSON(_ object: [String: Any]) throws -> String {
        Base64URL.encode(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
    }
}
