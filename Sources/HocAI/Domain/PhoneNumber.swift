/// A Vietnamese mobile number in E.164 (`+84` and nine digits).
public struct PhoneNumber: Sendable, Hashable {
    public let e164: String

    public enum Outcome: Sendable, Equatable {
        case valid(PhoneNumber)
        /// An old 11-digit number (e.g. 0169…), rewritten to its post-2018 10-digit form.
        case converted(PhoneNumber)
        case invalid
    }

    /// The 2018 change from 11 to 10 digits: old prefix (after the 0) to new.
    static let renumbered: [String: String] = [
        "162": "32", "163": "33", "164": "34", "165": "35", "166": "36", "167": "37", "168": "38", "169": "39",
        "120": "70", "121": "79", "122": "77", "126": "76", "128": "78",
        "123": "83", "124": "84", "125": "85", "127": "81", "129": "82",
        "186": "56", "188": "58", "199": "59",
    ]

    /// Reads domestic (`0912 345 678`), international (`+84912345678`, `84912…`) and Excel-damaged
    /// (`912345678`, leading zero dropped) forms.
    public static func parse(_ input: some StringProtocol) -> Outcome {
        var bytes: [UInt8] = []
        for byte in input.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): bytes.append(byte)
            case UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "("), UInt8(ascii: ")"),
                 UInt8(ascii: "+"), 0xC2, 0xA0: continue
            default: return .invalid
            }
        }
        var digits = String(decoding: bytes, as: UTF8.self)
        if digits.hasPrefix("84") && (digits.count == 11 || digits.count == 12) { digits.removeFirst(2) }
        else if digits.hasPrefix("0") { digits.removeFirst() }
        if digits.count == 10, let new = renumbered[String(digits.prefix(3))] {
            let converted = new + digits.dropFirst(3)
            return isMobile(converted) ? .converted(PhoneNumber(e164: "+84" + converted)) : .invalid
        }
        return isMobile(digits) ? .valid(PhoneNumber(e164: "+84" + digits)) : .invalid
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
}
