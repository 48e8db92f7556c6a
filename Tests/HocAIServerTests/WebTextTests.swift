import Foundation
@testable import HocAIServer
import HocAI
import HocAITestSupport
import Testing

/// The web's wording lives in its two catalogs (`WebText+Vietnamese.swift`,
/// `WebText+English.swift`): every key is worded in both, and no Vietnamese is written anywhere
/// else in the server's code.
@Suite("Web wording")
struct WebTextTests {
    @Test(arguments: WebText.allCases)
    func eachKeyIsWordedInBothLanguages(_ key: WebText) {
        let vi = Language.vi.text(key), en = Language.en.text(key)
        #expect(!vi.trimmingCharacters(in: .whitespaces).isEmpty && !en.trimmingCharacters(in: .whitespaces).isEmpty, "\(key)")
        #expect(vi != en, "\(key): the Vietnamese is the English")
        // The web names its own fields and buttons, never a command-line flag.
        #expect(vi.range(of: "--[a-z]", options: .regularExpression) == nil && en.range(of: "--[a-z]", options: .regularExpression) == nil, "\(key)")
    }

    @Test func noWordingOutsideTheCatalogs() throws {
        let folder = TestDatabase.repositoryRoot.appendingPathComponent("Sources/HocAIServer")
        let files = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil))
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" && $0.deletingLastPathComponent().lastPathComponent != "Text" }
        #expect(files.count > 20)
        for file in files {
            let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            for (index, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                // Letters only Vietnamese uses: đ, ơ, ư, ă and the tone marks (U+1EA0–U+1EF9).
                let vietnamese = line.unicodeScalars.contains { "đĐơƠưƯăĂ".unicodeScalars.contains($0) || (0x1EA0...0x1EF9).contains($0.value) }
                #expect(!vietnamese, "\(file.lastPathComponent):\(index + 1) has wording outside the catalogs: \(line)")
            }
        }
    }
}
