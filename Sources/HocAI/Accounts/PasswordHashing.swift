/// How passwords are hashed and checked. The library holds no algorithm of its own: the command
/// line and the server pass `BcryptHashing` (the `HocAIPasswords` module); tests pass it with a
/// lower cost.
public protocol PasswordHashing: Sendable {
    /// A new hash of `password`, carrying what checking it needs (its salt, its cost).
    func hash(_ password: String) -> String
    /// Whether `password` is the one `hash` was made from.
    func verify(_ password: String, against hash: String) -> Bool
    /// A hash that matches nothing anyone types, checked when a login is unknown so that refusing
    /// it takes as long as refusing a wrong password.
    var unmatchable: String { get }
}
