import Foundation

/// Compact JWS with Ed25519 (`alg: EdDSA`, RFC 8037), as credentials and status lists are signed.
enum JWS {
    /// `header.payload.signature`, each part base64url, the JSON with sorted keys.
    static func sign(header: [String: Any], payload: [String: Any], key: SigningKey) throws -> String {
        let signingInput = try encode(header) + "." + encode(payload)
        return signingInput + "." + Base64URL.encode(try key.sign(Data(signingInput.utf8)))
    }

    /// The header and payload of a token whose signature one of `keys` made (the header's `kid`
    /// is tried first); `credential.invalid` otherwise, saying what is wrong.
    static func verify(_ token: String, keys: PublicKeySet) throws -> (header: [String: Any], payload: [String: Any]) {
        let parts = token.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = Base64URL.decode(String(parts[0])),
              let payloadData = Base64URL.decode(String(parts[1])), let signature = Base64URL.decode(String(parts[2])),
              let header = try? JSONSerialization.jsonObject(with: headerData) as? [String: Any] else {
            throw HocAIError.credentialInvalid("không phải JWT / not a JWT")
        }
        guard header["alg"] as? String == "EdDSA" else {
            throw HocAIError.credentialInvalid("thuật toán không phải EdDSA / algorithm is not EdDSA")
        }
        let signed = Data("\(parts[0]).\(parts[1])".utf8)
        guard keys.candidates(kid: header["kid"] as? String).contains(where: { $0.isValidSignature(signature, for: signed) }) else {
            throw HocAIError.credentialInvalid("chữ ký không khớp khoá công khai / the signature does not match the public key")
        }
        guard let payload = try? JSONSerialization.jsonObject(with: payloadData) as? [String: Any] else {
            throw HocAIError.credentialInvalid("nội dung không phải JSON / the payload is not JSON")
        }
        return (header, payload)
    }

    /// The payload without checking the signature (the issuer's own holder check, which needs
    /// only the claims of a credential it is handed).
    static func unverifiedPayload(_ token: String) -> [String: Any]? {
        let parts = token.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let data = Base64URL.decode(String(parts[1])) else { return nil }
        return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    }

    static func encode(_ object: [String: Any]) throws -> String {
        Base64URL.encode(try JSONText.data(object))
    }
}
