/// A row that passed every check hocai can make without the database, its values typed and clean.
public struct RosterRow: Sendable {
    public enum Outcome: String, Sendable {
        case pass
        case fail
    }

    public var line: Int
    public var nationalID: NationalID
    public var name: PersonName?
    public var dateOfBirth: CalendarDate?
    public var sex: Sex?
    public var phone: PhoneNumber?
    public var commune: Commune?
    public var certifiedOn: CalendarDate?
    public var trainedBy: NationalID?
    public var classCode: String?
    public var instructorID: NationalID?
    public var enrolledOn: CalendarDate?
    public var completedOn: CalendarDate?
    public var result: Outcome?
    /// Text of a number from 0 to 100, as PostgreSQL's numeric reads it.
    public var score: String?
    public var issuedBy: NationalID?

    init(line: Int, nationalID: NationalID) {
        self.line = line
        self.nationalID = nationalID
    }

    /// Reads `Đạt`/`Không đạt`, `Pass`/`Fail` (any case, with or without marks).
    static func parseOutcome(_ text: String) -> Outcome? {
        switch text {
        case "Đạt", "đạt", "ĐẠT", "Pass", "pass": return .pass
        case "Không đạt", "không đạt", "KHÔNG ĐẠT", "Fail", "fail": return .fail
        default: break
        }
        switch VietnameseText.foldedKey(text) {
        case "dat", "pass", "passed", "d", "p", "x": return .pass
        case "khong dat", "chua dat", "fail", "failed", "kd": return .fail
        default: return nil
        }
    }

    /// Class codes as the database's check allows: ASCII letters, digits and `. _ / -`.
    static func isValidClassCode(_ code: String) -> Bool {
        guard (1...40).contains(code.utf8.count), let first = code.unicodeScalars.first,
              ("0"..."9").contains(first) || ("A"..."Z").contains(first) || ("a"..."z").contains(first) else { return false }
        return code.unicodeScalars.allSatisfy { scalar in
            ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || "._/-".unicodeScalars.contains(scalar)
        }
    }
}
