import Foundation
import HocAI
import Hummingbird

extension Parameters {
    /// The path's `name` as `parse` reads it. A value it cannot read names nothing on this
    /// server, so the answer is the one for a path that matches no route: `not_found` (404), in
    /// the user's language. (Hummingbird's `require(_:as:)` answers 400 with an English message:
    /// right for a malformed argument, not for an address that leads nowhere.) A plain string
    /// parameter is `require(_:)`: a matched route always has it.
    func resource<Resource>(_ name: String, _ parse: (String) -> Resource?) throws -> Resource {
        guard let text = self.get(name), let value = parse(text) else { throw HocAIError.notFound() }
        return value
    }

    /// The path's `name`, percent-decoded (a certificate code typed with spaces arrives as `%20`).
    func decoded(_ name: String) throws -> String {
        let raw = try require(name)
        return raw.removingPercentEncoding ?? raw
    }
}
