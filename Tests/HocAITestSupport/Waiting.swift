import Foundation

/// Waits for a condition, checking it every few milliseconds, until a deadline: never a fixed
/// sleep standing in for the condition. (Async code uses `waitFor`, which holds no thread.)
@available(*, noasync)
public func waitUntil(
    _ what: String, timeout: Duration = .seconds(30), _ condition: () throws -> Bool
) throws {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while try !condition() {
        guard clock.now < deadline else { throw TestSupportError("timed out waiting for \(what)") }
        Thread.sleep(forTimeInterval: 0.005)
    }
}

/// The same, for async tests: waits without holding a thread.
public func waitFor(
    _ what: String, timeout: Duration = .seconds(30), _ condition: () async throws -> Bool
) async throws {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while try await !condition() {
        guard clock.now < deadline else { throw TestSupportError("timed out waiting for \(what)") }
        try await Task.sleep(for: .milliseconds(10))
    }
}
