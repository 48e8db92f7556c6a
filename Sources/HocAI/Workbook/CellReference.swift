/// A cell's place as Excel shows it: column letters and row number (`C17`).
public struct CellReference: Sendable, Hashable, CustomStringConvertible {
    /// 1-based.
    public let column: Int
    /// 1-based: the sheet's row number.
    public let row: Int

    /// Excel's last column (XFD).
    public static let maximumColumn = 16_384
    /// Excel's last row.
    public static let maximumRow = 1_048_576

    public init(column: Int, row: Int) {
        self.column = column
        self.row = row
    }

    /// Reads `C17` (or `$C$17`); nil for anything else or past Excel's grid.
    public init?(_ text: some StringProtocol) {
        var column = 0, row = 0, letters = 0, digits = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "$"): continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where digits == 0:
                column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
                letters += 1
            case UInt8(ascii: "a")...UInt8(ascii: "z") where digits == 0:
                column = column * 26 + Int(byte - UInt8(ascii: "a")) + 1
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9") where letters > 0:
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
                if digits > 7 { return nil }
            default: return nil
            }
            if letters > 3 { return nil }
        }
        guard letters > 0, digits > 0, (1...Self.maximumColumn).contains(column), (1...Self.maximumRow).contains(row) else { return nil }
        self.init(column: column, row: row)
    }

    /// The column part of a reference without its row (`C` of `C17`), as a number; nil if none.
    static func column(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var column = 0, letters = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "$"): continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
            case UInt8(ascii: "a")...UInt8(ascii: "z"): column = column * 26 + Int(byte - UInt8(ascii: "a")) + 1
            default:
                return letters > 0 && column <= maximumColumn ? column : nil
            }
            letters += 1
            if letters > 3 { return nil }
        }
        return letters > 0 && column <= maximumColumn ? column : nil
    }

    /// Excel's letters for a 1-based column: 1 is A, 27 is AA.
    public static func letters(_ column: Int) -> String {
        var number = column
        var result: [Character] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            result.insert(Character(Unicode.Scalar(UInt8(65 + remainder))), at: 0)
            number = (number - 1) / 26
        }
        return String(result)
    }

    public var description: String { Self.letters(column) + String(row) }
}

/// A rectangle of cells (`A1:C2`), as a merged range names it.
struct CellRange: Sendable, Hashable {
    let first: CellReference
    let last: CellReference

    init?(_ text: some StringProtocol) {
        let parts = text.split(separator: ":")
        guard let first = parts.first.flatMap({ CellReference($0) }) else { return nil }
        let last = parts.count == 2 ? CellReference(parts[1]) : first
        guard let last, parts.count <= 2, last.column >= first.column, last.row >= first.row else { return nil }
        self.first = first
        self.last = last
    }
}
