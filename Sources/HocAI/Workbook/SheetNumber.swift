/// A number cell's stored text (`<v>`) as the text a clerk sees, decimal by decimal, with no
/// binary floating point in between: `190850009010` stays those twelve digits, `1.9085E+11` is
/// written out in full, `8.5` stays `8.5`. Like Excel, at most 15 significant digits are shown
/// (`0.30000000000000004` is `0.3`). A date-formatted number is the date, `yyyy-mm-dd`.
enum SheetNumber {
    static let significantDigits = 15

    static func append(_ stored: [UInt8], format: NumberFormat, date1904: Bool, to output: inout [UInt8]) {
        guard let decimal = Decimal(stored) else {
            output.append(contentsOf: stored)
            return
        }
        switch format {
        case .date:
            if let date = decimal.date(date1904: date1904) {
                output.append(contentsOf: date.description.utf8)
                return
            }
        case .zeroPadded(let width):
            if decimal.isInteger && !decimal.negative {
                let digits = decimal.text
                if digits.count < width { output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits.count)) }
                output.append(contentsOf: digits)
                return
            }
        case .general, .text:
            break
        }
        output.append(contentsOf: decimal.text)
    }

    /// A decimal number as significant digits and where the point goes.
    struct Decimal {
        var negative = false
        /// Significant digits, no leading or trailing zeros (empty for zero).
        var digits: [UInt8] = []
        /// The value is 0.digits × 10^point.
        var point = 0

        init?(_ stored: [UInt8]) {
            var index = 0
            if index < stored.count && (stored[index] == UInt8(ascii: "-") || stored[index] == UInt8(ascii: "+")) {
                negative = stored[index] == UInt8(ascii: "-")
                index += 1
            }
            var integerDigits = 0, sawPoint = false, any = false
            var all: [UInt8] = []
            while index < stored.count {
                let byte = stored[index]
                if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                    all.append(byte)
                    if !sawPoint { integerDigits += 1 }
                    any = true
                } else if byte == UInt8(ascii: ".") && !sawPoint {
                    sawPoint = true
                } else {
                    break
                }
                index += 1
            }
            guard any else { return nil }
            var exponent = 0
            if index < stored.count && (stored[index] == UInt8(ascii: "E") || stored[index] == UInt8(ascii: "e")) {
                index += 1
                var sign = 1
                if index < stored.count && (stored[index] == UInt8(ascii: "-") || stored[index] == UInt8(ascii: "+")) {
                    sign = stored[index] == UInt8(ascii: "-") ? -1 : 1
                    index += 1
                }
                var magnitude = 0, expDigits = 0
                while index < stored.count, stored[index] >= UInt8(ascii: "0"), stored[index] <= UInt8(ascii: "9") {
                    magnitude = magnitude * 10 + Int(stored[index] - UInt8(ascii: "0"))
                    expDigits += 1
                    guard magnitude < 400 else { return nil }
                    index += 1
                }
                guard expDigits > 0 else { return nil }
                exponent = sign * magnitude
            }
            guard index == stored.count else { return nil }
            var point = integerDigits + exponent
            var leading = 0
            while leading < all.count && all[leading] == UInt8(ascii: "0") { leading += 1 }
            point -= leading
            all.removeFirst(leading)
            if all.count > SheetNumber.significantDigits {
                let roundUp = all[SheetNumber.significantDigits] >= UInt8(ascii: "5")
                all.removeLast(all.count - SheetNumber.significantDigits)
                if roundUp {
                    var position = all.count - 1
                    while position >= 0 {
                        if all[position] == UInt8(ascii: "9") { all[position] = UInt8(ascii: "0"); position -= 1 } else { all[position] += 1; break }
                    }
                    if position < 0 { all.insert(UInt8(ascii: "1"), at: 0); point += 1; all.removeLast() }
                }
            }
            while let last = all.last, last == UInt8(ascii: "0") { all.removeLast() }
            if all.isEmpty { negative = false; point = 0 }
            digits = all
            self.point = point
        }

        var isInteger: Bool { digits.count <= point || digits.isEmpty }

        /// As a clerk would type it: `190850009010`, `8.5`, `0.25`, `-1`.
        var text: [UInt8] {
            if digits.isEmpty { return [UInt8(ascii: "0")] }
            var result: [UInt8] = negative ? [UInt8(ascii: "-")] : []
            if point <= 0 {
                result += [UInt8(ascii: "0"), UInt8(ascii: ".")] + Array(repeating: UInt8(ascii: "0"), count: -point) + digits
            } else if point >= digits.count {
                result += digits + Array(repeating: UInt8(ascii: "0"), count: point - digits.count)
            } else {
                result += digits[..<point] + [UInt8(ascii: ".")] + digits[point...]
            }
            return result
        }

        /// The day a date cell's serial number names (its time of day dropped). In the 1900
        /// system, serial 60 is Excel's 29 February 1900, a day that never was: no date.
        func date(date1904: Bool) -> CalendarDate? {
            guard !negative, point <= 7 else { return nil }
            let whole = point <= 0 ? 0 : digits.prefix(point).reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
                * Self.power(of: 10, max(0, point - digits.count))
            guard whole <= 2_958_465 else { return nil }  // 9999-12-31
            if date1904 { return CalendarDate(year: 1904, month: 1, day: 1)!.adding(days: whole) }
            if whole == 60 || whole == 0 { return nil }
            return whole < 60 ? CalendarDate(year: 1899, month: 12, day: 31)!.adding(days: whole) : CalendarDate.excelEpoch.adding(days: whole)
        }

        private static func power(of base: Int, _ exponent: Int) -> Int {
            guard exponent > 0 else { return 1 }
            return (0..<min(exponent, 18)).reduce(1) { result, _ in result * base }
        }
    }
}
