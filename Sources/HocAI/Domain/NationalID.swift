/// A 12-digit citizen identity number (CCCD), the key of a person.
///
/// Layout (Nghị định 137/2015, Điều 13; Thông tư 07/2016/TT-BCA, Điều 7): digits 1–3 the province
/// where the birth was registered, digit 4 century and sex, digits 5–6 the birth year's last two
/// digits, digits 7–12 random. There is no check digit.
public struct NationalID: Sendable, Hashable, CustomStringConvertible {
    /// Always 12 ASCII digits.
    public let digits: String

    /// The 63 province codes of Thông tư 07/2016/TT-BCA (sql/data/cccd-province-codes.csv).
    public static let provinceCodes: Set<String> = [
        "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020", "022", "024",
        "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038", "040", "042", "044", "045",
        "046", "048", "049", "051", "052", "054", "056", "058", "060", "062", "064", "066", "067", "068", "070",
        "072", "074", "075", "077", "079", "080", "082", "083", "084", "086", "087", "089", "091", "092", "093",
        "094", "095", "096",
    ]

    public enum Problem: Error, Sendable, Equatable {
        case missing
        /// 11 digits, or 10 for the provinces 001–009: a spreadsheet dropped the leading zeros.
        case leadingZeroLost
        /// `1.92029E+11`, or twelve digits not starting with 0: a spreadsheet turned the number
        /// into a float and rounded it.
        case scientificNotation
        /// 9 digits: an old CMND, not a CCCD.
        case oldIdentityCard
        case malformed
        case unknownProvince
    }

    public enum BirthMismatch: Sendable, Equatable {
        /// Digit 4 says another century.
        case century
        /// Digit 4 says the other sex.
        case sex
        /// Digits 5–6 are not the birth year's last two digits.
        case birthYear
    }

    public init(validated digits: String) {
        self.digits = digits
    }

    /// Parses the number as a spreadsheet cell holds it (spaces and dashes between groups, and
    /// full-width digits, allowed).
    public static func parse(_ input: some StringProtocol) -> Result<NationalID, Problem> {
        var digits: [UInt8] = []
        digits.reserveCapacity(12)
        var sawExponent = false
        var sawOther = false
        for byte in SpreadsheetCell.asciiDigits(input).utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits.append(byte)
            case UInt8(ascii: "E"), UInt8(ascii: "e"): sawExponent = true
            case UInt8(ascii: " "), UInt8(ascii: "-"), 0x09: continue
            case UInt8(ascii: "'") where digits.isEmpty: continue  // Excel's text marker
            case 0xC2, 0xA0: continue  // no-break space (C2 A0)
            default: sawOther = true
            }
        }
        if digits.isEmpty && !sawOther && !sawExponent { return .failure(.missing) }
        if sawExponent { return .failure(.scientificNotation) }
        if sawOther { return .failure(.malformed) }
        // Every CCCD starts with 0 (province codes are 001–096), so digits that do not are a
        // number a spreadsheet rewrote: leading zeros dropped (11 digits; 10 for provinces
        // 001–009, such as 006 Bắc Kạn, now part of Thái Nguyên; 8 for an old card's 9), or a
        // long number rounded (12).
        let zeroFirst = digits.first == UInt8(ascii: "0")
        switch digits.count {
        case 12: if !zeroFirst { return .failure(.scientificNotation) }
        case 11: return .failure(.leadingZeroLost)
        case 10, 8: return .failure(zeroFirst ? .malformed : .leadingZeroLost)
        case 9: return .failure(.oldIdentityCard)
        default: return .failure(.malformed)
        }
        let text = String(decoding: digits, as: UTF8.self)
        guard provinceCodes.contains(String(text.prefix(3))) else { return .failure(.unknownProvince) }
        return .success(NationalID(validated: text))
    }

    /// Checks digits 4–6 against a date of birth and sex; `nil` when they agree.
    public func mismatch(bornOn date: CalendarDate, sex: Sex) -> BirthMismatch? {
        let bytes = Array(digits.utf8)
        let code = Int(bytes[3] - 48)
        let century = code / 2 + 19  // 0/1: 1900s, 2/3: 2000s, 4/5: 2100s
        if century != date.year / 100 { return .century }
        if (code % 2 == 1) != (sex == .female) { return .sex }
        if Int(bytes[4] - 48) * 10 + Int(bytes[5] - 48) != date.year % 100 { return .birthYear }
        return nil
    }

    public var provinceCode: String { String(digits.prefix(3)) }

    /// `019*******98`: the province code and last two digits, for showing on screen.
    public var masked: String { String(digits.prefix(3)) + String(repeating: "*", count: 7) + String(digits.suffix(2)) }

    public var description: String { masked }
}
