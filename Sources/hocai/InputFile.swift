import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HocAI

/// Small documents a command reads whole (a credential, a key set, a status list), from a file or
/// an http(s) URL, with errors a person can act on. At most 4 MiB.
enum InputFile {
    static let limit = 4 << 20

    static func text(_ pathOrURL: String) throws -> String {
        if let url = URL(string: pathOrURL), ["http", "https"].contains(url.scheme?.lowercased() ?? "") {
            return try fetch(url, name: pathOrURL)
        }
        guard let data = FileManager.default.contents(atPath: pathOrURL), data.count <= limit else {
            throw HocAIError.unreadableInput(pathOrURL)
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// GET, with a 20-second deadline; anything but a 200 of at most `limit` bytes is refused.
    private static func fetch(_ url: URL, name: String) throws -> String {
        final class Outcome: @unchecked Sendable { var data: Data?; var status = 0 }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        var request = URLRequest(url: url, timeoutInterval: 20)
        request.setValue("application/json, application/vc+jwt, */*", forHTTPHeaderField: "Accept")
        URLSession.shared.dataTask(with: request) { data, response, _ in
            outcome.data = data
            outcome.status = (response as? HTTPURLResponse)?.statusCode ?? 0
            done.signal()
        }.resume()
        done.wait()
        guard outcome.status == 200, let data = outcome.data, data.count <= limit else { throw HocAIError.unreadableInput(name) }
        return String(decoding: data, as: UTF8.self)
    }
}
