import Foundation

/// Revocation status lists (W3C Bitstring Status List v1.0): a signed credential carries its list's
/// URL and its index there (`credentialStatus`); the list, a `BitstringStatusListCredential` signed
/// by the issuer as a VC-JWT, holds one bit per index, set when the certificate is revoked. Anyone
/// holding a credential and a recent list checks it offline; the list says nothing of who is in it.
public enum StatusList {
    /// Entries in a list: 2²⁰ bits (128 KiB before compression; a sparse list compresses to a few
    /// KiB), well above the specification's minimum of 131,072 for group privacy.
    public static let size = 1 << 20

    /// A certificate's place in a list.
    public struct Entry: Sendable, Equatable {
        public let list: Int
        public let index: Int

        public init(list: Int, index: Int) {
            self.list = list
            self.index = index
        }
    }

    /// `BASE/status/N`: where list N is served.
    public static func url(list: Int, baseURL: String) -> String { "\(baseURL)/status/\(list)" }

    /// The credential's `credentialStatus` for its entry.
    static func statusMember(_ entry: Entry, baseURL: String) -> [String: Any] {
        let list = url(list: entry.list, baseURL: baseURL)
        return ["id": "\(list)#\(entry.index)", "type": "BitstringStatusListEntry", "statusPurpose": "revocation",
                "statusListIndex": String(entry.index), "statusListCredential": list]
    }

    /// `encodedList`: the bits, index 0 the most significant bit of the first byte, gzipped, as
    /// multibase base64url (a leading `u`).
    public static func encode(revoked: some Sequence<Int>) -> String {
        var bits = [UInt8](repeating: 0, count: size / 8)
        for index in revoked where (0..<size).contains(index) { bits[index / 8] |= 0x80 >> UInt8(index % 8) }
        return "u" + Base64URL.encode(Gzip.compress(Data(bits)))
    }

    /// The bits of an `encodedList`.
    static func decode(_ encoded: String) throws -> Data {
        guard encoded.hasPrefix("u"), let compressed = Base64URL.decode(String(encoded.dropFirst())),
              let bits = Gzip.decompress(compressed), bits.count >= 16 << 10 else {
            throw HocAIError.credentialInvalid("danh sách trạng thái hỏng / the status list's bits are damaged")
        }
        return bits
    }

    /// The signed list (VC-JWT): list `list` with the bits of `revoked` set, valid from `now`.
    public static func credential(list: Int, revoked: some Sequence<Int>, key: SigningKey, baseURL: String, now: Date = Date()) throws -> String {
        let id = url(list: list, baseURL: baseURL)
        let issued = Int(now.timeIntervalSince1970)
        let payload: [String: Any] = [
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "id": id,
            "type": ["VerifiableCredential", "BitstringStatusListCredential"],
            "issuer": Credential.issuerID(baseURL: baseURL),
            "validFrom": ISO8601DateFormatter().string(from: now),
            "credentialSubject": [
                "id": "\(id)#list", "type": "BitstringStatusList", "statusPurpose": "revocation", "encodedList": encode(revoked: revoked),
            ] as [String: Any],
            "iss": Credential.issuerID(baseURL: baseURL), "iat": issued, "nbf": issued, "jti": id,
        ]
        return try JWS.sign(header: ["alg": "EdDSA", "typ": "vc+jwt", "kid": Credential.keyID(key, baseURL: baseURL)], payload: payload, key: key)
    }

    /// What a verified list says.
    public struct Verified: Sendable {
        public let id: String
        public let validFrom: String
        let bits: Data

        /// Whether index `index` is set (revoked).
        public func isSet(_ index: Int) -> Bool {
            guard index >= 0, index / 8 < bits.count else { return false }
            return bits[bits.startIndex + index / 8] & (0x80 >> UInt8(index % 8)) != 0
        }
    }

    /// Checks the list's signature against `keys` and reads it: a list altered by one bit, or
    /// signed by another key, is refused.
    public static func verify(_ jwt: String, keys: PublicKeySet) throws -> Verified {
        let (_, payload) = try JWS.verify(jwt, keys: keys)
        guard let types = payload["type"] as? [String], types.contains("BitstringStatusListCredential"),
              let id = payload["id"] as? String, let subject = payload["credentialSubject"] as? [String: Any],
              subject["statusPurpose"] as? String == "revocation", let encoded = subject["encodedList"] as? String else {
            throw HocAIError.credentialInvalid("không phải danh sách trạng thái thu hồi / not a revocation status list")
        }
        return Verified(id: id, validFrom: payload["validFrom"] as? String ?? "", bits: try decode(encoded))
    }

    /// Checks `credential` against a list: the list must verify under `keys` and be the one the
    /// credential names. Whether its bit is set (revoked).
    public static func check(_ credential: Credential.Verified, against listJWT: String, keys: PublicKeySet) throws -> (list: Verified, revoked: Bool) {
        guard let expected = credential.statusList, let index = credential.statusIndex else {
            throw HocAIError.credentialInvalid("chứng chỉ không có mục trạng thái; xin cấp lại / the credential has no status entry; ask for a new one")
        }
        let list = try verify(listJWT, keys: keys)
        guard list.id == expected else {
            throw HocAIError.credentialInvalid("danh sách \(list.id) không phải \(expected) / the list is \(list.id), not \(expected)")
        }
        return (list, list.isSet(index))
    }
}
