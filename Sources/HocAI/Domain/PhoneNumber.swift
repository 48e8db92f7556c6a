/// A Vietnamese mobile number in E.164 (`+84` and nine digits).
///
/// Read as libphonenumber reads a number typed in Vietnam (region VN): domestic (`0912 345 678`),
/// international (`+84…`, `0084…`, `84…`), the trunk 0 kept after the country code (`+84 (0)
/// 912…`, `840912…`), full-width digits, spreadsheet wrappers (`'…`, `="…"`), and a number whose
/// leading zero a spreadsheet dropped (`912345678`). The column holds mobiles only: a landline
/// is told apart (and not kept), and so is anything else. Where hocai and libphonenumber answer
/// differently on purpose, `Tests/Fixtures/phone-forms.json` lists the case and why.
public struct PhoneNumber: Sendable, Hashable {
    public let e164: String

    public enum Outcome: Sendable, Equatable {
        case valid(PhoneNumber)
        /// An old 11-digit number (e.g. 0169…), rewritten to its post-2018 10-digit form.
        case converted(PhoneNumber)
        /// Nine digits with no leading zero: a spreadsheet dropped it; restored.
        case zeroRestored(PhoneNumber)
        /// A Vietnamese landline (E.164 given): valid, but not a mobile.
        case landline(String)
        case invalid

        /// The mobile number, where there is one.
        public var mobile: PhoneNumber? {
            switch self {
            case .valid(let phone), .converted(let phone), .zeroRestored(let phone): phone
            case .landline, .invalid: nil
            }
        }
    }

    /// The 2018 change from 11 to 10 digits: old prefix (after the 0) to new.
    static let renumbered: [String: String] = [
        "162": "32", "163": "33", "164": "34", "165": "35", "166": "36", "167": "37", "168": "38", "169": "39",
        "120": "70", "121": "79", "122": "77", "126": "76", "128": "78",
        "123": "83", "124": "84", "125": "85", "127": "81", "129": "82",
        "186": "56", "188": "58", "199": "59",
    ]

    public static func parse(_ input: some StringProtocol) -> Outcome {
        let text = SpreadsheetCell.asciiDigits(SpreadsheetCell.unwrap(String(input)))
        var digits: [UInt8] = []
        var plus = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits.append(byte)
            case UInt8(ascii: "+"):
                // A plus only before the number, as libphonenumber reads it.
                guard digits.isEmpty, !plus else { return .invalid }
                plus = true
            case UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "("), UInt8(ascii: ")"), 0xC2, 0xA0:
                continue
            default: return .invalid
            }
        }
        var national = digits[...]
        var restoredZero = false
        func dropCountryCode() -> Bool {
            guard national.starts(with: [0x38, 0x34]) else { return false }  // 84
            national = national.dropFirst(2)
            if national.first == 0x30 { national = national.dropFirst() }  // the trunk 0 kept: +84 (0) 912…
            return true
        }
        if plus {
            // International form: Vietnam's country code, or a foreign number (not ours).
            guard dropCountryCode() else { return .invalid }
        } else if national.starts(with: [0x30, 0x30]) {
            // 00 is the international prefix dialled from Vietnam.
            national = national.dropFirst(2)
            guard dropCountryCode() else { return .invalid }
        } else if national.starts(with: [0x38, 0x34]) && (national.count == 11 || national.count == 12) {
            _ = dropCountryCode()
        } else if national.first == 0x30 {
            national = national.dropFirst()
        } else if national.count == 9 {
            restoredZero = true
        }
        let number = String(decoding: national, as: UTF8.self)
        if number.count == 10, let new = renumbered[String(number.prefix(3))] {
            let converted = new + number.dropFirst(3)
            return isMobile(converted) ? .converted(PhoneNumber(e164: "+84" + converted)) : .invalid
        }
        if isMobile(number) {
            let phone = PhoneNumber(e164: "+84" + number)
            return restoredZero ? .zeroRestored(phone) : .valid(phone)
        }
        if isLandline(number) { return .landline("+84" + number) }
        return .invalid
    }

    /// The nine national digits against the mobile ranges in force since 2018 (libphonenumber's
    /// pattern `3\d|5[1689]\d|52[238]|559|7[06-9]|8[1-8]|89[6-9]|9[0-8]|99[013-9]`).
    static func isMobile(_ digits: String) -> Bool {
        let d = Array(digits.utf8).map { Int($0) - 48 }
        guard d.count == 9, d.allSatisfy({ (0...9).contains($0) }) else { return false }
        switch d[0] {
        case 3: return true
        case 5: return [1, 6, 8, 9].contains(d[1]) || (d[1] == 2 && [2, 3, 8].contains(d[2])) || (d[1] == 5 && d[2] == 9)
        case 7: return [0, 6, 7, 8, 9].contains(d[1])
        case 8: return (1...8).contains(d[1]) || (d[1] == 9 && (6...9).contains(d[2]))
        case 9: return (0...8).contains(d[1]) || (d[1] == 9 && d[2] != 2)
        default: return false
        }
    }

    /// Ten national digits of a fixed line: a province's area code (2 and two digits) and
    /// eight digits (libphonenumber's fixed-line pattern for Vietnam, `2[0-9]{9}`, narrowed to
    /// the area codes in use, 203–299).
    static func isLandline(_ digits: String) -> Bool {
        let d = Array(digits.utf8).map { Int($0) - 48 }
        guard d.count == 10, d.allSatisfy({ (0...9).contains($0) }), d[0] == 2 else { return false }
        return !(d[1] == 0 && d[2] < 3)
    }
}
