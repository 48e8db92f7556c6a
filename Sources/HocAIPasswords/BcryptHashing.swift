import HocAI
import HummingbirdBcrypt
import Synchronization

/// Passwords as bcrypt hashes (hummingbird-auth's). A stored hash carries its own cost, so any
/// hash is checked whatever the cost it was made with.
public struct BcryptHashing: PasswordHashing {
    /// bcrypt's work factor for new passwords: about a quarter of a second a hash on a server core.
    public static let defaultCost: UInt8 = 12
    /// The least it accepts; tests, which make many accounts, use it.
    public static let minimumCost: UInt8 = 4

    public let cost: UInt8

    public init(cost: UInt8 = BcryptHashing.defaultCost) {
        self.cost = max(cost, Self.minimumCost)
    }

    public func hash(_ password: String) -> String { Bcrypt.hash(password, cost: cost) }

    public func verify(_ password: String, against hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }

    /// Made once per cost and process, from a random secret nobody sees.
    public var unmatchable: String {
        Self.unmatchables.withLock { made in
            if let hash = made[cost] { return hash }
            let hash = Bcrypt.hash(Secret.token(), cost: cost)
            made[cost] = hash
            return hash
        }
    }

    private static let unmatchables = Mutex<[UInt8: String]>([:])
}
