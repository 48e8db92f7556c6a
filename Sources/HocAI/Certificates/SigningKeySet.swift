import Foundation

/// The province's signing keys, in one file only its owner reads (mode 0600): a JSON Web Key Set
/// of private Ed25519 keys, each with the date it was made and, once retired, the date it was.
///
/// The newest key that is not retired signs (credentials, status lists). `rotate` adds a key,
/// which signs from then on; the older ones stay in the set, and in the published JWKS, so that
/// everything they signed still verifies. `retire` stops a key from signing; it stays published.
/// (A key that must no longer be trusted at all is removed from the file by hand, and every
/// credential it signed reissued.) A file holding one private JWK, as `hocai keys init` wrote
/// before sets, is read as a set of that key.
public struct SigningKeySet: Sendable {
    public struct Entry: Sendable {
        public let key: SigningKey
        public let created: CalendarDate?
        public var retired: CalendarDate?
    }

    public private(set) var entries: [Entry]

    /// A set of one new key.
    public static func generate(today: CalendarDate = .today()) -> SigningKeySet {
        SigningKeySet(entries: [Entry(key: .generate(), created: today, retired: nil)])
    }

    /// The key that signs.
    public var active: SigningKey {
        get throws {
            guard let entry = entries.last(where: { $0.retired == nil }) else {
                throw HocAIError.invalidArgument(
                    vi: "Mọi khoá trong tệp đã ngừng ký: chạy hocai keys rotate.", en: "Every key in the file is retired: run hocai keys rotate.")
            }
            return entry.key
        }
    }

    /// The public halves, for verification (retired keys included).
    public var publicKeys: PublicKeySet {
        PublicKeySet(keys: entries.map(\.key.publicKey))
    }

    /// Adds a new key, which signs from now on; returns it.
    @discardableResult
    public mutating func rotate(today: CalendarDate = .today()) -> SigningKey {
        let key = SigningKey.generate()
        entries.append(Entry(key: key, created: today, retired: nil))
        return key
    }

    /// Stops a key from signing (it still verifies). The last key that signs cannot be retired:
    /// rotate first.
    public mutating func retire(kid: String, today: CalendarDate = .today()) throws {
        guard let index = entries.firstIndex(where: { $0.key.kid == kid }) else {
            throw HocAIError.invalidArgument(vi: "Không có khoá \(kid) trong tệp.", en: "No key \(kid) in the file.")
        }
        guard entries[index].retired == nil else { return }
        guard entries.filter({ $0.retired == nil }).count > 1 else {
            throw HocAIError.invalidArgument(
                vi: "Đây là khoá ký duy nhất còn dùng: chạy hocai keys rotate trước.",
                en: "This is the only key still signing: run hocai keys rotate first.")
        }
        entries[index].retired = today
    }

    // MARK: The file

    public static func read(from url: URL) throws -> SigningKeySet {
        guard let data = try? Data(contentsOf: url), let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw HocAIError.keyFileInvalid(url.path)
        }
        let members = (object["keys"] as? [[String: Any]]) ?? [object]
        var entries: [Entry] = []
        for member in members {
            guard let key = SigningKey.fromJWK(member) else { throw HocAIError.keyFileInvalid(url.path) }
            entries.append(Entry(key: key, created: (member["created"] as? String).flatMap(CalendarDate.parse),
                                 retired: (member["retired"] as? String).flatMap(CalendarDate.parse)))
        }
        guard !entries.isEmpty else { throw HocAIError.keyFileInvalid(url.path) }
        return SigningKeySet(entries: entries)
    }

    /// Writes the set (mode 0600): a new file, or, with `replacing`, the file replaced whole
    /// (written beside it and renamed over it, never through a link).
    public func write(to url: URL, replacing: Bool = false) throws {
        let keys = entries.map { entry -> [String: String] in
            var member = entry.key.privateJWK
            member["created"] = entry.created?.description
            member["retired"] = entry.retired?.description
            return member
        }
        let data = try JSONSerialization.data(withJSONObject: ["keys": keys], options: [.sortedKeys, .prettyPrinted])
        try OutputFile(path: url.path, existing: replacing ? .replace : .refuse, mode: 0o600).write(data + Data("\n".utf8))
    }
}

/// Public keys to verify with: a JWKS (`{"keys": [...]}`, as `/.well-known/jwks.json` serves
/// it), one JWK, a private key set (its public halves), or a bare base64url `x`.
public struct PublicKeySet: Sendable {
    public let keys: [SigningKey.PublicKey]

    public init(keys: [SigningKey.PublicKey]) {
        self.keys = keys
    }

    /// The keys to try for a signature whose header names `kid` (its last `#` part, or whole):
    /// the named key first, then the others (a credential from before kids were thumbprints).
    func candidates(kid: String?) -> [SigningKey.PublicKey] {
        let name = kid.map { String($0.split(separator: "#").last ?? Substring($0)) }
        return keys.filter { $0.kid == name } + keys.filter { $0.kid != name }
    }

    /// `{"keys": [...]}`, as published.
    public var jwks: String {
        let object: [String: Any] = ["keys": keys.map(\.jwkMembers)]
        return (try? JSONText.string(object)) ?? ""
    }

    /// Reads keys from text: a JWKS, a JWK (public or private) or the bare `x`.
    public static func parse(_ text: String, source: String) throws -> PublicKeySet {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] {
            let members = (object["keys"] as? [[String: Any]]) ?? [object]
            let keys = members.compactMap { ($0["x"] as? String).flatMap(SigningKey.PublicKey.init(base64URL:)) }
            guard !keys.isEmpty, keys.count == members.count else { throw HocAIError.keyFileInvalid(source) }
            return PublicKeySet(keys: keys)
        }
        guard let key = SigningKey.PublicKey(base64URL: text) else { throw HocAIError.keyFileInvalid(source) }
        return PublicKeySet(keys: [key])
    }
}
