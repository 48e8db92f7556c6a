import NIOCore
import Synchronization

/// Cancels the statements of a client's requests when it hangs up: when its connection closes,
/// or when it closes its side (the server allows half-closed connections, so that alone does
/// not close the channel: `HangUpHandler` reports it). The requests' tokens are kept per
/// connection (a keep-alive connection serves many requests), each request leaving when it is
/// done, so nothing grows with the number of requests.
final class HangUpWatch: Sendable {
    static let shared = HangUpWatch()

    struct Registration: Sendable {
        let channel: ObjectIdentifier
        let id: Int
    }

    private struct State {
        var tokens: [ObjectIdentifier: [Int: CancelTokenBox]] = [:]
        var nextID = 0
    }

    private let state = Mutex(State())

    func watch(_ channel: any Channel, _ token: CancelTokenBox) -> Registration {
        let key = ObjectIdentifier(channel)
        let (registration, first) = state.withLock { state -> (Registration, Bool) in
            let id = state.nextID
            state.nextID += 1
            let first = state.tokens[key] == nil
            state.tokens[key, default: [:]][id] = token
            return (Registration(channel: key, id: id), first)
        }
        if first {
            channel.closeFuture.whenComplete { [self] _ in hungUp(key) }
        }
        return registration
    }

    /// The client is gone: every statement of its requests is cancelled.
    func hungUp(_ channel: any Channel) { hungUp(ObjectIdentifier(channel)) }

    private func hungUp(_ key: ObjectIdentifier) {
        let tokens = state.withLock { $0.tokens.removeValue(forKey: key) } ?? [:]
        for token in tokens.values { token.cancel() }
    }

    func unwatch(_ registration: Registration) {
        state.withLock { _ = $0.tokens[registration.channel]?.removeValue(forKey: registration.id) }
    }
}

/// In each connection's pipeline, after the HTTP decoder: tells `HangUpWatch` when the client
/// closes its side of the connection (a clean HTTP/1.1 client never half-closes mid-request, so
/// this means it has gone).
final class HangUpHandler: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    typealias InboundIn = NIOAny

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            HangUpWatch.shared.hungUp(context.channel)
        }
        context.fireUserInboundEventTriggered(event)
    }
}
