import Foundation
import HocAI
import HocAITestSupport
import Testing

/// `hocai import` as a clerk runs it: exit codes, JSON, languages.
@Suite("hocai import (the command)")
struct ImportCommandTests {
    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func exitCodesAndTheJSONSummary() throws {
        try withDatabaseAndFixtures { db, name, fixtures in
            let url = try TestDatabase.databaseURL(for: name)
            let good = ["Nguyễn Văn An", "019085000701", "01/02/1985", "Nam", "", "Đại Từ", "15/03/2025"]
            let bad = ["Trần Văn Hai", "19085000702", "01/02/1985", "Nam", "", "Đại Từ", "15/03/2025"]
            let clean = try fixtures.write("clean.csv", Fixtures.csv([expertHeader, good]))
            let mixed = try fixtures.write("mixed.csv", Fixtures.csv([expertHeader, bad, good]))

            let ok = try HocAIProcess.run(["import", "experts", clean.path, "--format", "json"], databaseURL: url)
            #expect(ok.status == 0, "\(ok.stderr)")
            let summary = try json(ok.stdout)
            for key in ["rows", "accepted", "rejected", "inserted", "updated", "unchanged", "duplicates", "warnings", "rejects"] {
                #expect(summary[key] != nil, "\(key)")
            }
            #expect(summary["inserted"] as? Int == 1)
            #expect(ok.stderr.isEmpty, "no progress bar when stderr is not a terminal")

            let some = try HocAIProcess.run(["import", "experts", mixed.path, "--format", "json", "--lang", "en"], databaseURL: url)
            #expect(some.status == 3)
            let partial = try json(some.stdout)
            #expect(partial["rejected"] as? Int == 1)
            #expect(partial["unchanged"] as? Int == 1)
            let reject = try #require((partial["rejects"] as? [[String: Any]])?.first)
            #expect(reject["line"] as? Int == 2)
            #expect(reject["column"] as? Int == 2)
            #expect(reject["code"] as? String == "national_id.leading_zero_lost")
            #expect((reject["message"] as? String)?.hasPrefix("The national ID has lost its leading zeros") == true)

            let strict = try HocAIProcess.run(["import", "experts", mixed.path, "--all-or-nothing", "--force"], databaseURL: url)
            #expect(strict.status == 1)
            #expect(strict.stdout.contains("không ghi gì"))

            let missing = try HocAIProcess.run(["import", "experts", fixtures.url("nope.csv").path, "--format", "json"], databaseURL: url)
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("Không đọc được tệp"))
            let failure = try #require(try json(missing.stdout)["error"] as? [String: Any])
            #expect(failure["code"] as? String == "file.unreadable")

            let usage = try HocAIProcess.run(["import", "learners", clean.path], databaseURL: url)
            #expect(usage.status == 64)
            #expect(usage.stderr.contains("--center"))

            let again = try HocAIProcess.run(["import", "experts", clean.path], databaseURL: url)
            #expect(again.status == 0)
            #expect(again.stdout.contains("đã được nhập trước đây"))
            #expect(try count(db, "people") == 1)
        }
    }
}
