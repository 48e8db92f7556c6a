import Foundation
@testable import HocAI
import HocAITestSupport
import Testing

/// The library's wording lives in its two catalogs (`HocAIText+Vietnamese.swift`,
/// `HocAIText+English.swift`), the commands' in theirs (`ConsoleText+…`), the web's in its
/// (`WebText+…`, tested with the server): every key is worded in both languages, and no code
/// outside a catalog picks its words with `language == .vi ? … : …` (#21).
@Suite("Wording")
struct WordingTests {
    @Test(arguments: HocAIText.allCases)
    func eachKeyIsWordedInBothLanguages(_ key: HocAIText) {
        let vi = Language.vi.text(key), en = Language.en.text(key)
        #expect(!vi.trimmingCharacters(in: .whitespaces).isEmpty && !en.trimmingCharacters(in: .whitespaces).isEmpty, "\(key)")
        #expect(vi != en, "\(key): the Vietnamese is the English")
    }

    @Test func messagesAreWordedInBothLanguages() {
        let messages: [HocAIMessage] = [
            .metOn(date: "05/09/2025"), .learnersChanged(since: "01/09/2025", fell: true, by: "3", leftWorkingAge: "2", revoked: "1"),
            .counts(accepted: 1, inserted: 1, updated: 0, unchanged: 0, duplicates: 0, rejected: 0, held: 0, warnings: 0),
            .statusRevoked(on: "05/09/2025"), .rejectsWrittenTo(path: "x.csv"),
        ]
        for message in messages {
            #expect(Language.vi.text(message) != Language.en.text(message), "\(message)")
        }
        #expect(Language.vi.date(CalendarDate(year: 2025, month: 9, day: 5)!) == "05/09/2025")
        #expect(Language.en.date(CalendarDate(year: 2025, month: 9, day: 5)!) == "2025-09-05")
    }

    /// A failure's message reaches the web as well as the terminal: it never names a command-line
    /// flag (`--encoding`), only what to do with the file. The exceptions say where they go: an
    /// output file's (the commands write them; the server writes none) and the address mismatch
    /// told to whoever starts `hocai serve`. An import's summary as text (`ImportSummary.text`) is
    /// the terminal's only; the web shows its JSON.
    @Test func noFailureMessageNamesACommandLineFlag() throws {
        let sources = TestDatabase.repositoryRoot.appendingPathComponent("Sources/HocAI")
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" && $0.lastPathComponent != "OutputFile.swift" }
        let message = try NSRegularExpression(pattern: #"(?<![A-Za-z])(vi|en): ""#), flag = try NSRegularExpression(pattern: #"--[a-z]"#)
        var messages = 0
        for file in files {
            for (index, line) in try String(contentsOf: file, encoding: .utf8).split(separator: "\n").enumerated() {
                let text = String(line)
                let range = NSRange(text.startIndex..., in: text)
                guard message.firstMatch(in: text, range: range) != nil else { continue }
                messages += 1
                guard flag.firstMatch(in: text, range: range) != nil, !text.contains("--public-url") else { continue }
                Issue.record("\(file.lastPathComponent):\(index + 1) names a command-line flag: \(text)")
            }
        }
        #expect(messages > 150)
    }

    @Test func noWordsArePickedOutsideTheCatalogs() throws {
        let sources = TestDatabase.repositoryRoot.appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" && $0.deletingLastPathComponent().lastPathComponent != "Text" }
        #expect(files.count > 100)
        let ternary = try NSRegularExpression(pattern: #"(\bvi|== \.vi) \?"#)
        for file in files {
            let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            for (index, line) in lines.enumerated() {
                let text = String(line)
                let found = ternary.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
                #expect(!found, "\(file.lastPathComponent):\(index + 1) picks its words outside the catalogs: \(line)")
            }
        }
    }
}
