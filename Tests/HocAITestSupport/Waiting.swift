import Foundation

/// Waits for a condition, checking it every few milliseconds, until a deadline: never a fixed
/// sleep standing in for the condition.
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
