/// What spreadsheets wrap around a cell's value, taken off before any check.
///
/// Excel's text marker (a leading `'`, which Excel itself hides, but which reaches a CSV when a
/// clerk types it or a formula-guarded file comes back) and the formula-text wrapper `="…"`
/// (typed to keep a number's leading zeros) carry the value inside. Full-width digits (typed
/// with a Vietnamese input method in full-width mode) read as ASCII digits where a number is
/// expected (`asciiDigits`).
public enum SpreadsheetCell {
    /// The cell without one leading `'`, or the text inside `="…"` (doubled quotes undone).
    public static func unwrap(_ cell: String) -> String {
        guard let first = cell.utf8.first else { return cell }
        if first == UInt8(ascii: "'") { return String(cell.dropFirst()) }
        if first == UInt8(ascii: "="), cell.utf8.count >= 3, cell.hasPrefix("=\""), cell.hasSuffix("\"") {
            return String(cell.dropFirst(2).dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
        }
        return cell
    }

    /// Full-width digits and plus sign (U+FF10–FF19, U+FF0B) as ASCII; other text unchanged.
    public static func asciiDigits(_ text: some StringProtocol) -> String {
        guard text.utf8.contains(where: { $0 >= 0x80 }) else { return String(text) }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19: scalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
            case 0xFF0B: scalars.append("+")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
