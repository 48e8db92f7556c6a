import Foundation
import HocAI
import HocAITestSupport
import Testing

/// Every code a roster row's issue may carry is a `RosterIssue.Code`, and each is worded in both
/// languages (#21): the wording's switch has no `default:` that would hide a missing one, and no
/// code the importer writes (in Swift or in its SQL) falls outside the enum.
@Suite("Roster issue codes")
struct RosterIssueCodeTests {
    @Test(arguments: RosterIssue.Code.allCases)
    func eachCodeIsWordedInBothLanguages(_ code: RosterIssue.Code) {
        let text = RosterIssue.wording(of: code)
        #expect(!text.vi.isEmpty && !text.en.isEmpty)
        #expect(text.vi != text.en, "\(code.rawValue): the Vietnamese is not the English")
        #expect(!text.en.hasPrefix("Invalid row ("), "\(code.rawValue) has a wording of its own")
        // Vietnamese, not English left untranslated: it has letters English does not.
        #expect(text.vi.unicodeScalars.contains { $0.value > 0x7F }, "\(code.rawValue): \(text.vi)")
    }

    /// The codes written literally where issues are made: `issue(…, "code")` in the validator,
    /// `code: "…"` beside it, and `'code'` in the importer's SQL (the checks against the register).
    @Test func everyCodeTheImporterWritesIsACode() throws {
        let sources = TestDatabase.repositoryRoot.appendingPathComponent("Sources/HocAI")
        var written: Set<String> = []
        let patterns = [#"issue\([^"\n]*"([a-z_]+\.[a-z_]+)""#, #"code: "([a-z_]+\.[a-z_]+)""#, #"'([a-z_]+\.[a-z_]+)'"#,
                        #"\? "([a-z_]+\.[a-z_]+)""#, #": "([a-z_]+\.[a-z_]+)"\)"#]
        for folder in ["Roster", "Workbook", "Services", "Certificates"] {
            let directory = sources.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".swift") {
                let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
                for pattern in patterns {
                    let regex = try NSRegularExpression(pattern: pattern)
                    for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                        written.insert(String(text[Range(match.range(at: 1), in: text)!]))
                    }
                }
            }
        }
        // Not issue codes: SQL's table-qualified columns and the audit log's actions.
        let unrelated = written.filter { $0.hasPrefix("a.") || $0.hasPrefix("s.") || $0.hasPrefix("x.") || $0.hasPrefix("certificate.") }
        let unknown = written.subtracting(unrelated).filter { RosterIssue.Code(rawValue: $0) == nil }
        #expect(written.count > 40, "the scan found the codes: \(written.count)")
        #expect(unknown.isEmpty, "codes written but not in RosterIssue.Code: \(unknown.sorted())")
        // Made as "\(field).invalid" by the validator for the CCCD-like columns.
        for field in ["instructor_id", "trained_by", "issued_by"] {
            #expect(RosterIssue.Code(rawValue: "\(field).invalid") != nil, "\(field)")
        }
    }
}
