import Foundation
import HocAI
import HocAITestSupport
import PostgresLibPQ
import Testing

/// What the commands write and echo: never through a link, never over a file unasked, never half
/// a file; never a CCCD or a password in a message (issue: faults and privacy, §4 and §5).
@Suite("Commands: outputs and echoes")
struct CommandSafetyTests {
    func withRegister(_ body: (PostgresConnection, String, Fixtures, String) throws -> Void) throws {
        try withDatabaseAndFixtures { db, name, fixtures in
            try Cascade.prepare(db, fixtures: fixtures)
            let rows = [learnerHeader, ["Hà", "019095000801", "01/01/1995", "Nam", "", "Đại Từ", "TT01-C1",
                                        Cascade.instructor(0), "01/06/2025", "20/06/2025", "Đạt", "9"]]
            #expect(try importRoster(db, try fixtures.write("c.csv", Fixtures.csv(rows)), kind: .learners).rejected == 0)
            let code = try db.query("SELECT code FROM certificates WHERE track = 'learner'").scalar(String.self)
            try body(db, try TestDatabase.databaseURL(for: name), fixtures, code)
        }
    }

    @Test func reportAndCredentialOutputsRefuseLinksAndExistingFilesAndLeaveNothingHalfWritten() throws {
        try withRegister { _, url, fixtures, code in
            let keyPath = fixtures.url("k.jwk").path
            #expect(try HocAIProcess.run(["keys", "init", "--out", keyPath], databaseURL: url).status == 0)
            let again = try HocAIProcess.run(["keys", "init", "--out", keyPath], databaseURL: url)
            #expect(again.status == 1)
            #expect(again.stderr.contains("tệp đã có"))
            for command in [["report", "--format", "html", "--output"], ["credential", code, "--key", keyPath, "--output"]] {
                let target = try fixtures.write("target.txt", "keep me")
                let link = fixtures.url("out-link")
                try? FileManager.default.removeItem(at: link)
                try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
                let linked = try HocAIProcess.run(command + [link.path, "--force"], databaseURL: url)
                #expect(linked.status == 1)
                #expect(linked.stderr.contains("liên kết"))
                #expect(try String(contentsOf: target, encoding: .utf8) == "keep me")

                let existing = try HocAIProcess.run(command + [target.path], databaseURL: url)
                #expect(existing.status == 1)
                #expect(existing.stderr.contains("--force"))
                #expect(try String(contentsOf: target, encoding: .utf8) == "keep me")
                let forced = try HocAIProcess.run(command + [target.path, "--force"], databaseURL: url)
                #expect(forced.status == 0, "\(forced.stderr)")
                #expect(try String(contentsOf: target, encoding: .utf8) != "keep me")

                // A file past the size allowed stands for a full disk: an error, and no file at all.
                let fresh = fixtures.url("fresh-\(command[0]).out")
                let limited = try HocAIProcess.run(
                    ["/bin/sh", "-c", "ulimit -f 1; exec \"$0\" \"$@\"", try HocAIProcess.executable.path] + command + [fresh.path]
                        + (command[0] == "report" ? ["--by", "commune"] : []),
                    databaseURL: url, viaShell: true)
                #expect(limited.status == 1, "\(limited.stderr)")
                #expect(limited.stderr.contains("Không ghi được tệp"))
                #expect(!FileManager.default.fileExists(atPath: fresh.path))
                let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixtures.directory.path).filter { $0.contains("hocai-") }
                #expect(leftovers.isEmpty, "\(leftovers)")
            }
        }
    }

    @Test func verifyNeverEchoesACCCDOrShowsAOneWordNameWhole() throws {
        try withRegister { _, url, _, code in
            let typed = try HocAIProcess.run(["verify", "019095000801"], databaseURL: url)
            #expect(typed.status == 1)
            #expect(!typed.stderr.contains("019095000801"))
            #expect(typed.stderr.contains("019*******01"))
            let json = try HocAIProcess.run(["verify", "019095000801", "--format", "json"], databaseURL: url)
            #expect(!json.stdout.contains("019095000801"))
            #expect(json.stdout.contains("\"certificate.mistyped\"") && json.stdout.contains("019*******01"))
            let shown = try HocAIProcess.run(["verify", code], databaseURL: url)
            #expect(shown.stdout.contains("H. (019*******01)"), "\(shown.stdout)")
            #expect(!shown.stdout.contains("Hà"))
        }
    }

    @Test func aMalformedDatabaseURLIsNeverEchoedWithItsPassword() throws {
        for bad in ["postgresql://clerk:s3cr3t-pw@[bad/hocai", "postgresql://clerk:s3cr3t-pw@localhost:notaport/hocai",
                    "host=/nowhere user=clerk password=s3cr3t-pw dbname=hocai port=1"] {
            for format in [[], ["--format", "json"]] {
                let run = try HocAIProcess.run(["verify", "7KQ2-M9XD-4PT8", "--database-url", bad] + format, databaseURL: nil)
                #expect(run.status == 1)
                #expect(!run.stderr.contains("s3cr3t-pw") && !run.stdout.contains("s3cr3t-pw"), "\(run.stderr)")
                if !format.isEmpty { #expect(run.stdout.contains("\"database.unavailable\"")) }
            }
        }
        #expect(PostgresError.redactingPasswords("postgresql://a:b@h/d and password='x y' password=z")
                == "postgresql://a:***@h/d and password=*** password=***")
    }

    @Test func aRefusedCertifyLeavesNoBatchAndNoAuditRow() throws {
        try withRegister { db, url, _, _ in
            let before = try snapshot(db)
            let refused = try HocAIProcess.run(["certify", "--national-id", "019090000899", "--class", "TT01-C1", "--result", "pass",
                                                "--date", "2025-06-20", "--format", "json"], databaseURL: url)
            #expect(refused.status == 1)
            #expect(refused.stdout.contains("\"certification.refused\""))
            #expect(try snapshot(db) == before)
        }
    }

    @Test func aDatabaseErrorUnderFormatJSONIsStillJSON() throws {
        try TestDatabase.withDatabase(migrated: false) { _, name in
            let url = try TestDatabase.databaseURL(for: name)
            for command in [["report", "--format", "json"], ["verify", CertificateCode.random().grouped, "--format", "json"],
                            ["certify", "--national-id", "019090000899", "--class", "X", "--result", "pass", "--format", "json"]] {
                let run = try HocAIProcess.run(command, databaseURL: url)
                #expect(run.status == 1)
                let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
                let error = try #require(object?["error"] as? [String: Any], "\(command[0]): \(run.stdout)")
                #expect(error["code"] as? String == "database.schema_not_ready", "\(command[0])")
            }
        }
    }
}
