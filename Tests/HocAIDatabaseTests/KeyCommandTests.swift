import Foundation
import HocAI
import HocAITestSupport
import Testing

/// `hocai keys`, as a process on a key file: a rotated-in key signs, a retired one only verifies,
/// and every key stays published (`KeyFile` reads and rewrites the file for each command).
@Suite("Commands: signing keys")
struct KeyCommandTests {
    @Test func rotateRetireListAndPublish() throws {
        try withFixtures { fixtures in
            let key = fixtures.url("tinh.jwks").path
            func hocai(_ arguments: [String]) throws -> String {
                let result = try HocAIProcess.run(arguments, databaseURL: nil)
                #expect(result.status == 0, "\(arguments): \(result.stderr)")
                return result.stdout
            }
            _ = try hocai(["keys", "init", "--out", key])
            let first = try SigningKeySet.read(from: URL(fileURLWithPath: key)).active.kid
            _ = try hocai(["keys", "rotate", "--key", key])
            let second = try SigningKeySet.read(from: URL(fileURLWithPath: key)).active.kid
            #expect(first != second)
            #expect(try hocai(["keys", "retire", first, "--key", key, "--lang", "en"]).contains("Key \(first) no longer signs."))
            let listed = try hocai(["keys", "list", "--key", key, "--lang", "en"])
            let line = { (kid: String) in listed.split(separator: "\n").first { $0.contains(kid) }.map(String.init) ?? "" }
            #expect(line(first).contains("retired "), "\(listed)")
            #expect(line(second).contains("signing"), "\(listed)")
            let published = try hocai(["keys", "public", "--key", key])
            #expect(published.contains(first) && published.contains(second) && !published.contains("\"d\""), "\(published)")
            // An unknown key id changes nothing and says so.
            let before = try String(contentsOfFile: key, encoding: .utf8)
            let unknown = try HocAIProcess.run(["keys", "retire", "nope", "--key", key], databaseURL: nil)
            #expect(unknown.status != 0)
            #expect(try String(contentsOfFile: key, encoding: .utf8) == before)
        }
    }
}
