import Crypto
import Foundation

/// One of the province's Ed25519 signing keys (RFC 8037). Keys are kept together in a key set
/// file (`SigningKeySet`) only its owner reads; each is named by its JWK thumbprint (RFC 7638).
public struct SigningKey: Sendable {
    /// The raw 32-byte private key (swift-crypto's key types are not `Sendable`).
    private let raw: Data

    init(raw: Data) {
        self.raw = raw
    }

    /// The JWK thumbprint (RFC 7638): base64url of the SHA-256 of the public JWK's required
    /// members in order. The credential's `kid` ends with it; the published JWKS lists it.
    public var kid: String { publicKey.kid }

    /// The private JWK's members.
    var privateJWK: [String: String] {
        ["kty": "OKP", "crv": "Ed25519", "d": Base64URL.encode(raw), "x": publicKey.base64URL, "kid": kid]
    }

    /// Reads one private JWK's members.
    static func fromJWK(_ jwk: [String: Any]) -> SigningKey? {
        guard jwk["kty"] as? String == "OKP", jwk["crv"] as? String == "Ed25519",
              let d = (jwk["d"] as? String).flatMap(Base64URL.decode),
              (try? Curve25519.Signing.PrivateKey(rawRepresentation: d)) != nil else { return nil }
        return SigningKey(raw: d)
    }

    private var privateKey: Curve25519.Signing.PrivateKey {
        // `raw` was checked when the key was made or read.
        try! Curve25519.Signing.PrivateKey(rawRepresentation: raw)
    }

    public static func generate() -> SigningKey {
        SigningKey(raw: Curve25519.Signing.PrivateKey().rawRepresentation)
    }

    public var publicKey: PublicKey { PublicKey(raw: privateKey.publicKey.rawRepresentation) }

    func sign(_ data: Data) throws -> Data {
        try privateKey.signature(for: data)
    }

    /// A key for the holder identifiers of credentials, derived from this signing key (HKDF-SHA256),
    /// so it never leaves the issuer and needs no file of its own.
    var holderIdentifierKey: SymmetricKey {
        HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: raw), info: Data("hocai holder identifier v1".utf8), outputByteCount: 32)
    }

    /// The verifying half, shared freely: a JWK, or its `x` alone (base64url of 32 bytes).
    public struct PublicKey: Sendable {
        let raw: Data

        init(raw: Data) {
            self.raw = raw
        }

        /// From a JWK's `x`.
        public init?(base64URL: String) {
            guard let raw = Base64URL.decode(base64URL), (try? Curve25519.Signing.PublicKey(rawRepresentation: raw)) != nil else {
                return nil
            }
            self.raw = raw
        }

        func isValidSignature(_ signature: Data, for data: Data) -> Bool {
            guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return false }
            return key.isValidSignature(signature, for: data)
        }

        /// `x` of the JWK.
        public var base64URL: String { Base64URL.encode(raw) }

        public var kid: String {
            Base64URL.encode(Data(SHA256.hash(data: Data("{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"\(base64URL)\"}".utf8))))
        }

        /// The public JWK as published (JWKS member): `alg`, `crv`, `kid`, `kty`, `use`, `x`.
        public var jwkMembers: [String: String] {
            ["alg": "EdDSA", "crv": "Ed25519", "kid": kid, "kty": "OKP", "use": "sig", "x": base64URL]
        }

        public var jwk: String {
            ((try? JSONText.string(jwkMembers)) ?? "")
        }
    }
}
