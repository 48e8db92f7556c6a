import Foundation
import HocAI
import HocAITestSupport
import Testing

/// `ImportPolicy` says what the database's insert policies on `import_jobs` (sql/) say, read
/// from the migrations themselves, without a database: for every role, kind and centre asked, a
/// request the policy lets through is a job row the database accepts, and one it forbids is a
/// row the database refuses.
@Suite("Import policy")
struct ImportPolicyTests {
    static let own = "TT01", other = "TT02"

    static func account(_ role: AccountRole) -> Account {
        Account(id: 7, login: "x", role: role, centerCode: role == .centre ? own : nil, nationalID: nil)
    }

    @Test(arguments: AccountRole.allCases)
    func thePolicyIsTheDatabasesRule(_ role: AccountRole) throws {
        let checks = try InsertChecks.read(from: TestDatabase.sqlDirectory)
        let account = Self.account(role)
        for kind in RosterKind.allCases {
            var accepted = false
            for asked in [nil, Self.own, Self.other] {
                let row = { (center: String?) in checks.accept(role: role, kind: kind, center: center, scopeCenter: account.centerCode) }
                accepted = accepted || row(asked)
                do {
                    let request = try ImportPolicy.authorize(ImportRequest(kind: kind, center: asked), by: account)
                    #expect(row(request.center), "\(role) \(kind) \(asked ?? "-"): allowed here, refused by sql/")
                } catch let error as HocAIError where error.code == .forbidden {
                    #expect(!row(asked), "\(role) \(kind) \(asked ?? "-"): forbidden here, accepted by sql/")
                } catch let error as HocAIError {
                    // A request the database would take but that names no centre for a kind that needs one.
                    #expect(kind.needsCenter && asked == nil, "\(role) \(kind): \(error)")
                }
            }
            #expect(ImportPolicy.allows(role, kind) == accepted, "\(role) \(kind)")
        }
    }

    @Test func aClerkMayLeaveOutTheirCentreButNotChangeIt() throws {
        let clerk = Self.account(.centre)
        #expect(try ImportPolicy.authorize(ImportRequest(kind: .learners), by: clerk).center == Self.own)
        #expect(try ImportPolicy.authorize(ImportRequest(kind: .learners, center: " tt01 "), by: clerk).center == Self.own)
        #expect(throws: HocAIError.forbidden()) { try ImportPolicy.authorize(ImportRequest(kind: .learners, center: "tt02"), by: clerk) }
    }

    @Test func expertsAreForNoCentreAndEveryOtherKindNeedsOne() throws {
        let admin = Self.account(.admin)
        #expect(try ImportPolicy.authorize(ImportRequest(kind: .experts, center: "TT01"), by: admin).center == nil)
        let missing = #expect(throws: HocAIError.self) { try ImportPolicy.authorize(ImportRequest(kind: .instructors), by: admin) }
        #expect(missing?.code == .invalidArgument)
        let blank = #expect(throws: HocAIError.self) { try ImportRequest(kind: .learners, center: "  ").validated() }
        #expect(blank == missing)
        let malformed = #expect(throws: HocAIError.self) { try ImportRequest(kind: .learners, center: "t t").validated() }
        #expect(malformed?.code == .invalidCenterCode)
    }
}

/// The `WITH CHECK` of each role's insert policies on `import_jobs`, as written in the
/// migrations, evaluated for one row. It knows the few terms those checks use and fails on any
/// other, so a new rule in SQL is a new rule here too.
struct InsertChecks {
    /// Role (without `hocai_`) → the checks of its policies (any one passing admits the row).
    var checks: [AccountRole: [[String]]] = [:]

    static func read(from directory: URL) throws -> InsertChecks {
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "sql" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        var result = InsertChecks()
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
                .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("--") }.joined(separator: " ")
            for statement in text.split(separator: ";").map({ $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }) {
                #expect(!(statement.contains("ON import_jobs") && (statement.contains("DROP POLICY") || statement.contains("ALTER POLICY"))),
                        "\(file.lastPathComponent): a policy on import_jobs changed; teach this test")
                guard let match = statement.wholeMatch(of: #/CREATE POLICY \w+ ON import_jobs (?:FOR (\w+) )?TO hocai_(\w+)(.*)/#),
                      match.1 == nil || match.1 == "INSERT" || match.1 == "ALL" else { continue }
                let role = try #require(AccountRole(rawValue: String(match.2)), "\(statement)")
                let rest = String(match.3)
                // A policy for every command with no WITH CHECK checks new rows with its USING.
                let clause = rest.range(of: "WITH CHECK").map { String(rest[$0.upperBound...]) }
                    ?? rest.range(of: "USING").map { String(rest[$0.upperBound...]) } ?? "true"
                result.checks[role, default: []].append(terms(clause))
            }
        }
        return result
    }

    /// `(a AND b AND c)` → `["a", "b", "c"]`.
    static func terms(_ clause: String) -> [String] {
        var text = clause.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("("), text.hasSuffix(")") { text = String(text.dropFirst().dropLast()) }
        return text.components(separatedBy: " AND ").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// Whether the row a server writes for this job (its `account_id` the account's own) passes.
    func accept(role: AccountRole, kind: RosterKind, center: String?, scopeCenter: String?) -> Bool {
        (checks[role] ?? []).contains { terms in
            terms.allSatisfy { term in
                switch term {
                case "true", "account_id = hocai_scope_account()": return true
                case "center_code = hocai_scope_center()": return center != nil && center == scopeCenter
                default:
                    if let match = term.wholeMatch(of: #/kind (=|<>) '(\w+)'/#) {
                        return (match.1 == "=") == (kind.rawValue == match.2)
                    }
                    Issue.record("a term this test does not know: \(term)")
                    return false
                }
            }
        }
    }
}
