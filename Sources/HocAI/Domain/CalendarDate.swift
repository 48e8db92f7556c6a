import Foundation

/// A day in the proleptic Gregorian calendar, with no time or zone: a date of birth, a
/// certification date. Stored as PostgreSQL `date`.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Validates the day against the month and leap years.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CalendarDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's days-from-civil).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.month = month
        self.day = day
    }

    public func adding(days: Int) -> CalendarDate { CalendarDate(daysSinceEpoch: daysSinceEpoch + days) }

    /// The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb).
    public func adding(months: Int) -> CalendarDate {
        let total = year * 12 + (month - 1) + months
        let newYear = total / 12, newMonth = total % 12 + 1
        let newDay = min(day, CalendarDate.daysIn(month: newMonth, year: newYear))
        return CalendarDate(year: newYear, month: newMonth, day: newDay)!
    }

    /// Whole years from `self` to `date` (an age on that date).
    public func years(until date: CalendarDate) -> Int {
        var years = date.year - year
        if (date.month, date.day) < (month, day) { years -= 1 }
        return years
    }

    /// Today in Vietnam (UTC+7), the programme's calendar.
    public static func today(now: Date = Date()) -> CalendarDate {
        let seconds = Int(now.timeIntervalSince1970.rounded(.down)) + 7 * 3600
        return CalendarDate(daysSinceEpoch: Int((Double(seconds) / 86_400).rounded(.down)))
    }

    /// A date given as an argument (`--as-of`, `--date`, the API's `as_of` and `date`, a date
    /// picker): exactly `yyyy-mm-dd`, one rule everywhere. Roster cells are read more widely
    /// (`parse`), since spreadsheets write dates many ways; an argument is typed to a rule.
    public init?(iso text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// ISO 8601, `yyyy-mm-dd`.
    public var description: String {
        guard (0...9999).contains(year) else {
            return String(year) + "-" + (month < 10 ? "0" : "") + String(month) + "-" + (day < 10 ? "0" : "") + String(day)
        }
        // Ten ASCII bytes written in place: an import writes three dates a row.
        return String(unsafeUninitializedCapacity: 10) { buffer in
            func digit(_ value: Int) -> UInt8 { UInt8(48 + value % 10) }
            buffer[0] = digit(year / 1000); buffer[1] = digit(year / 100); buffer[2] = digit(year / 10); buffer[3] = digit(year)
            buffer[4] = 0x2D; buffer[5] = digit(month / 10); buffer[6] = digit(month)
            buffer[7] = 0x2D; buffer[8] = digit(day / 10); buffer[9] = digit(day)
            return 10
        }
    }

    /// `dd/mm/yyyy`, as Vietnamese readers write dates.
    public var vietnameseFormat: String {
        (day < 10 ? "0" : "") + String(day) + "/" + (month < 10 ? "0" : "") + String(month) + "/" + String(year)
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Whether `input` is a date written with a two-digit year (`12/31/25`, `5/9/90`): what a
    /// spreadsheet writes when it re-saves dates in its own format. Never read as a date: the
    /// century, and the order of day and month, would be guesses.
    public static func hasTwoDigitYear(_ input: some StringProtocol) -> Bool {
        let parts = input.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." }).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return false }
        return parts[0].count <= 2 && parts[1].count <= 2 && parts[2].count == 2
    }

    /// Excel's day 0 for serial numbers from 61 on (1899-12-30, past the 1900 leap-year bug).
    static let excelEpoch = CalendarDate(year: 1899, month: 12, day: 30)!

    /// Reads the forms spreadsheets give: `dd/mm/yyyy`, `d/m/yyyy`, `dd-mm-yyyy`, `dd.mm.yyyy`,
    /// `yyyy-mm-dd` (optionally followed by a time, as Excel writes it), or an Excel serial day
    /// number (e.g. `33970` = 1993-01-01). Day comes before month, as in Vietnam.
    public static func parse(_ input: some StringProtocol) -> CalendarDate? {
        // One pass over the bytes, no copies: an import reads three dates a row.
        var numbers = (0, 0, 0), widths = (0, 0, 0)
        var separators = 0, length = 0
        var sawDot = false, started = false
        for byte in input.utf8 {
            if !started {
                if byte == 0x20 || byte == 0x09 { continue }
                started = true
            }
            // A time part ("1990-09-05 00:00:00", "1990-09-05T00:00") ends the date.
            if byte == 0x20 || byte == 0x09 || byte == UInt8(ascii: "T") { break }
            length += 1
            if length > 12 { return nil }
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int(byte - 48)
                switch separators {
                case 0: numbers.0 = numbers.0 * 10 + digit; widths.0 += 1
                case 1: numbers.1 = numbers.1 * 10 + digit; widths.1 += 1
                case 2: numbers.2 = numbers.2 * 10 + digit; widths.2 += 1
                default: break  // a fourth part: refused below
                }
            case UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if byte == UInt8(ascii: ".") { sawDot = true }
                separators += 1
            default:
                return nil
            }
        }
        guard length > 0 else { return nil }
        if separators == 0 || (separators == 1 && sawDot) {
            // An Excel serial day number, possibly with a fraction of a day.
            guard widths.0 >= 2, widths.0 <= 7, numbers.0 >= 61, numbers.0 < 2_958_466 else { return nil }
            return excelEpoch.adding(days: numbers.0)
        }
        guard separators == 2, (1...4).contains(widths.0), (1...4).contains(widths.1), (1...4).contains(widths.2) else { return nil }
        if widths.0 == 4 {
            return CalendarDate(year: numbers.0, month: numbers.1, day: numbers.2)
        }
        guard widths.2 == 4, widths.0 <= 2, widths.1 <= 2 else { return nil }
        return CalendarDate(year: numbers.2, month: numbers.1, day: numbers.0)
    }
}
