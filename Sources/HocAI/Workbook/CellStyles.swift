/// What a cell's number format says about its value: a date, text, a number shown with leading
/// zeros (`000000000000`, how clerks keep a CCCD's zeros in a number column), or a plain number.
enum NumberFormat: Sendable, Equatable {
    case general
    case date
    case text
    case zeroPadded(width: Int)

    /// Excel's built-in formats that show dates (ECMA-376 §18.8.30).
    static let builtInDates: Set<Int> = Set(14...22).union(27...36).union(45...47).union(50...58)

    init(id: Int, code: String?) {
        if let code {
            self = Self.classify(code)
        } else if Self.builtInDates.contains(id) {
            self = .date
        } else if id == 49 {
            self = .text
        } else {
            self = .general
        }
    }

    /// Reads a format code: its first section, without quoted text, escapes and colours.
    static func classify(_ code: String) -> NumberFormat {
        let section = code.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? code
        var plain: [Character] = []
        var inQuote = false, inBracket = false, escape = false
        for character in section {
            if escape { escape = false; continue }
            if inQuote { if character == "\"" { inQuote = false }; continue }
            if inBracket { if character == "]" { inBracket = false }; continue }
            switch character {
            case "\"": inQuote = true
            case "[": inBracket = true
            case "\\", "_", "*": escape = true
            default: plain.append(character)
            }
        }
        let lowered = String(plain).lowercased()
        if lowered == "@" { return .text }
        if lowered == "general" || lowered.isEmpty { return .general }
        if lowered.contains(where: { "dmy".contains($0) }) { return .date }
        if lowered.allSatisfy({ $0 == "0" }) && lowered.count > 1 { return .zeroPadded(width: lowered.count) }
        return .general
    }
}

/// The number format of each cell style (`cellXfs` in styles.xml), by the index a cell's `s`
/// attribute gives.
struct CellStyles: Sendable {
    private(set) var formats: [NumberFormat] = []

    func format(_ index: Int) -> NumberFormat { index < formats.count ? formats[index] : .general }

    /// Reads styles.xml.
    static func read(from archive: WorkbookArchive, path: String) throws -> CellStyles {
        var handler = Handler()
        try archive.scan(path, limit: archive.limits.partBytes, &handler)
        var styles = CellStyles()
        styles.formats = handler.styleFormatIDs.map { NumberFormat(id: $0, code: handler.codes[$0]) }
        return styles
    }

    private struct Handler: XMLHandler {
        var codes: [Int: String] = [:]
        var styleFormatIDs: [Int] = []
        var inCellXfs = false

        mutating func start(_ tag: XMLTag) throws {
            if tag.name.is("numFmt"), let id = try tag.attribute("numFmtId").flatMap({ Int($0) }) {
                codes[id] = try tag.attribute("formatCode") ?? ""
            } else if tag.name.is("cellXfs") {
                inCellXfs = true
            } else if inCellXfs && tag.name.is("xf") {
                styleFormatIDs.append(try tag.attribute("numFmtId").flatMap { Int($0) } ?? 0)
                if styleFormatIDs.count > 1_000_000 { throw XMLScanError.malformed }
            }
        }

        mutating func end(_ name: XMLName) throws {
            if name.is("cellXfs") { inCellXfs = false }
        }

        mutating func text(_ bytes: UnsafeBufferPointer<UInt8>, raw: Bool) throws {}
    }
}
