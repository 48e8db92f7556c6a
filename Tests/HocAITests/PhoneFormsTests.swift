import Foundation
import HocAI
import Testing

/// Phone numbers as clerks type them, read as libphonenumber reads them (issue: the register's
/// truth, §4). The answers come from Google's libphonenumber through Python's `phonenumbers`
/// (`scripts/gen-phone-fixture` writes the fixture); a disagreement kept on purpose is in the
/// fixture with hocai's answer and the reason.
@Suite("Phone numbers against libphonenumber")
struct PhoneFormsTests {
    struct Fixture: Decodable {
        struct Answer: Decodable, Equatable {
            let kind: String
            let e164: String?
        }
        struct Case: Decodable {
            let input: String
            let libphonenumber: Answer
            let hocai: Answer?
            let reason: String?
        }
        let cases: [Case]
    }

    static let fixture: Fixture = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/phone-forms.json")
        return try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }()

    /// hocai's answer in the fixture's terms: a valid number of another kind or country is not a
    /// mobile or landline of ours, so it is "invalid" for the column.
    static func answer(_ outcome: PhoneNumber.Outcome) -> Fixture.Answer {
        switch outcome {
        case .valid(let phone), .converted(let phone), .zeroRestored(let phone): .init(kind: "mobile", e164: phone.e164)
        case .landline(let e164): .init(kind: "landline", e164: e164)
        case .invalid: .init(kind: "invalid", e164: nil)
        }
    }

    static func expected(_ answer: Fixture.Answer) -> Fixture.Answer {
        ["mobile", "landline"].contains(answer.kind) ? answer : .init(kind: "invalid", e164: nil)
    }

    @Test func atLeastSixtyFormsWithTheirReasonsForEveryDisagreement() {
        #expect(Self.fixture.cases.count >= 60)
        for disagreement in Self.fixture.cases where disagreement.hocai != nil {
            #expect(disagreement.reason?.isEmpty == false, "\(disagreement.input)")
            #expect(disagreement.hocai != Self.expected(disagreement.libphonenumber), "\(disagreement.input) is not a disagreement")
        }
    }

    @Test(arguments: PhoneFormsTests.fixture.cases.map(\.input))
    func readAsLibphonenumberReadsIt(_ input: String) throws {
        let item = try #require(Self.fixture.cases.first { $0.input == input })
        let expected = item.hocai ?? Self.expected(item.libphonenumber)
        #expect(Self.answer(PhoneNumber.parse(input)) == expected, "\(input): \(item.reason ?? "libphonenumber's answer")")
    }

    @Test func whatEachFormIsToldAs() {
        #expect(PhoneNumber.parse("912345678") == .zeroRestored(PhoneNumber.parse("0912345678").mobile!))
        #expect(PhoneNumber.parse("0169 123 4567") == .converted(PhoneNumber.parse("0391234567").mobile!))
        #expect(PhoneNumber.parse("0208 3855 123") == .landline("+842083855123"))
    }
}

@Suite("National IDs a spreadsheet damaged")
struct NationalIDDamageTests {
    @Test(arguments: [
        // Provinces 001–009 lose two zeros: 10 digits.
        ("1203000123", NationalID.Problem.leadingZeroLost), ("6190000202", .leadingZeroLost), ("4085000301", .leadingZeroLost),
        ("8185000301", .leadingZeroLost),
        // Others lose one: 11.
        ("19085000301", .leadingZeroLost),
        // An old 9-digit card that lost its zero: 8.
        ("85000301", .leadingZeroLost),
        // Twelve digits not starting with 0: a rounded float.
        ("192029000000", .scientificNotation), ("1.92029E+11", .scientificNotation),
        // Ten digits that cannot be a province's: not a lost zero.
        ("0192030001", .malformed), ("3085000301", .leadingZeroLost),
        ("085000301", .oldIdentityCard), ("003085000301", .unknownProvince),
    ] as [(String, NationalID.Problem)])
    func damageIsToldApart(_ input: String, _ problem: NationalID.Problem) {
        #expect(NationalID.parse(input) == .failure(problem), "\(input)")
    }

    @Test func fullWidthDigitsAndTheTextMarkerRead() throws {
        #expect(try NationalID.parse("０１９０８５０００３０１").get().digits == "019085000301")
        #expect(try NationalID.parse("'019085000301").get().digits == "019085000301")
    }
}
