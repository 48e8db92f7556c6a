import HocAI
import Hummingbird
import HummingbirdAuth
import NIOCore
import Synchronization

/// What a request carries through the server: the signed-in account, if any, the language its
/// messages are in, and the client's address (for throttling).
public struct HocAIContext: AuthRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Account?
    public var language: Language = .vi
    public var clientAddress: String
    /// What the outer middleware (the request's log line) needs to know of the inner ones.
    let record = RequestRecord()
    /// The connection's channel: a client that hangs up closes it (`ClientHangUpMiddleware`).
    let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "local"
    }

    /// Bodies are streamed by the routes that take files; anything decoded whole stays small.
    public var maxUploadSize: Int { 1 << 20 }

    /// The account, or `auth.required` (401).
    public func account() throws -> Account {
        guard let identity else { throw HocAIError.notSignedIn() }
        return identity
    }

}

/// Shared by a request's middlewares: the account, once known, for the log line.
final class RequestRecord: Sendable {
    private let account = Mutex<Int?>(nil)
    var accountID: Int? {
        get { account.withLock { $0 } }
        set { account.withLock { $0 = newValue } }
    }
}
