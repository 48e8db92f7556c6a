import Crypto
import Foundation

/// The province's Ed25519 signing key, kept as a JWK (RFC 8037) in a file only its owner reads.
public struct SigningKey: Sendable {
    /// The raw 32-byte private key (swift-crypto's key types are not `Sendable`).
    private let raw: Data

    private init(raw: Data) {
        self.raw = raw
    }

    private var privateKey: Curve25519.Signing.PrivateKey {
        // `raw` was checked when the key was made or read.
        try! Curve25519.Signing.PrivateKey(rawRepresentation: raw)
    }

    public static func generate() -> SigningKey {
        SigningKey(raw: Curve25519.Signing.PrivateKey().rawRepresentation)
    }

    public var publicKey: PublicKey { PublicKey(raw: privateKey.publicKey.rawRepresentation) }

    /// Writes the key as a JWK with file mode 0600; refuses to overwrite an existing file.
    public func write(to url: URL) throws {
        let jwk: [String: String] = [
            "kty": "OKP", "crv": "Ed25519",
            "d": Base64URL.encode(privateKey.rawRepresentation),
            "x": Base64URL.encode(privateKey.publicKey.rawRepresentation),
        ]
        let data = try JSONSerialization.data(withJSONObject: jwk, options: [.sortedKeys])
        try OutputFile(path: url.path, existing: .refuse, mode: 0o600).write(data)
    }

    public static func read(from url: URL) throws -> SigningKey {
        guard let data = try? Data(contentsOf: url),
              let jwk = try? JSONSerialization.jsonObject(with: data) as? [String: String],
              jwk["kty"] == "OKP", jwk["crv"] == "Ed25519",
              let d = jwk["d"].flatMap(Base64URL.decode),
              (try? Curve25519.Signing.PrivateKey(rawRepresentation: d)) != nil else {
            throw HocAIError.keyFileInvalid(url.path)
        }
        return SigningKey(raw: d)
    }

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

        func isValidSignature(_ signature: Data, for data: Data) -> Bool {
            guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return false }
            return key.isValidSignature(signature, for: data)
        }

        /// `x` of the JWK.
        public var base64URL: String { Base64URL.encode(raw) }

        public var jwk: String {
            "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"\(base64URL)\"}"
        }

        /// Reads a public key as a JWK file, a private JWK file (its `x`), or the bare base64url text.
        public static func read(_ argument: String) throws -> PublicKey {
            var text = argument
            if FileManager.default.fileExists(atPath: argument), let data = try? Data(contentsOf: URL(fileURLWithPath: argument)) {
                text = String(decoding: data, as: UTF8.self)
            }
            text = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if let json = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String], let x = json["x"] {
                text = x
            }
            guard let raw = Base64URL.decode(text), (try? Curve25519.Signing.PublicKey(rawRepresentation: raw)) != nil else {
                throw HocAIError.keyFileInvalid(argument)
            }
            return PublicKey(raw: raw)
        }
    }
}
