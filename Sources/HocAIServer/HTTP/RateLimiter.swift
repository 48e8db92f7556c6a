import Synchronization

/// Requests allowed per client address: a token bucket each, `burst` deep, refilled at `perMinute`.
/// Kept in memory (one server per database); buckets that have refilled are forgotten, so the
/// table holds only the addresses seen in the last minute or so.
final class RateLimiter: Sendable {
    let perMinute: Int
    let burst: Int
    private let buckets = Mutex<[String: (tokens: Double, at: ContinuousClock.Instant)]>([:])

    /// `perMinute` 0: no limit.
    init(perMinute: Int, burst: Int) {
        self.perMinute = perMinute
        self.burst = max(1, burst)
    }

    /// Takes one token for `address`; nil if allowed, else the seconds until the next one.
    func take(_ address: String, now: ContinuousClock.Instant = .now) -> Int? {
        guard perMinute > 0 else { return nil }
        let rate = Double(perMinute) / 60
        return buckets.withLock { buckets -> Int? in
            if buckets.count > 10_000 { forgetFull(&buckets, now: now, rate: rate) }
            var bucket = buckets[address] ?? (Double(burst), now)
            let elapsed = now - bucket.at
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            bucket.tokens = min(Double(burst), bucket.tokens + seconds * rate)
            bucket.at = now
            guard bucket.tokens >= 1 else {
                buckets[address] = bucket
                return max(1, Int(((1 - bucket.tokens) / rate).rounded(.up)))
            }
            bucket.tokens -= 1
            buckets[address] = bucket
            return nil
        }
    }

    private func forgetFull(_ buckets: inout [String: (tokens: Double, at: ContinuousClock.Instant)], now: ContinuousClock.Instant, rate: Double) {
        buckets = buckets.filter { _, bucket in
            let elapsed = now - bucket.at
            return bucket.tokens + Double(elapsed.components.seconds) * rate < Double(burst)
        }
    }
}
