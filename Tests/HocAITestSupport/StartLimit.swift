/// At most `limit` holders at once; the others wait their turn, in order. The test support uses
/// it to start only a few `hocai serve` processes at a time (`LiveServer`): on two cores, a
/// dozen started together by parallel tests each take long enough to miss any deadline.
public actor StartLimit {
    private let limit: Int
    private var holders = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(_ limit: Int) {
        self.limit = limit
    }

    /// Runs `body` holding one of the places.
    public func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        if holders < limit {
            holders += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            holders -= 1
        } else {
            waiting.removeFirst().resume()  // the place passes to the next in line
        }
    }

    /// Live servers being started.
    public static let processes = StartLimit(2)
}
