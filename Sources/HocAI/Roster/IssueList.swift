/// Issues of an import kept compactly, for any number of them: a badly damaged file has
/// hundreds of thousands, and a `RosterIssue` with its strings costs about 200 bytes where an
/// entry here costs 12. Codes are interned; a column's name is read from the header; details
/// (another line, suggestions) are kept only where an issue has them.
struct IssueList: Sendable {
    private struct Entry: Sendable {
        var line: Int32
        /// 1-based column, 0 for the whole row.
        var column: Int32
        var code: UInt16
        var severity: RosterIssue.Severity
        /// Index in `details`, or -1.
        var detail: Int32
    }

    private var entries: [Entry] = []
    private var codes: [String] = []
    private var codeIndex: [String: UInt16] = [:]
    private var details: [[String: String]] = []
    /// The header's cells, which name the columns.
    var columnNames: [String] = []

    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }

    mutating func append(_ issue: RosterIssue) {
        let code: UInt16
        if let known = codeIndex[issue.code] {
            code = known
        } else {
            code = UInt16(codes.count)
            codes.append(issue.code)
            codeIndex[issue.code] = code
        }
        var detail: Int32 = -1
        if let value = issue.detail {
            detail = Int32(details.count)
            details.append(value)
        }
        entries.append(Entry(
            line: Int32(clamping: issue.line), column: Int32(clamping: issue.column ?? 0), code: code,
            severity: issue.severity, detail: detail))
    }

    subscript(index: Int) -> RosterIssue {
        let entry = entries[index]
        let column = entry.column > 0 ? Int(entry.column) : nil
        return RosterIssue(
            line: Int(entry.line), column: column,
            columnName: column.flatMap { $0 <= columnNames.count ? columnNames[$0 - 1] : nil },
            code: codes[Int(entry.code)], severity: entry.severity, detail: entry.detail >= 0 ? details[Int(entry.detail)] : nil)
    }

    /// The line of issue `index`, without building the issue.
    func line(_ index: Int) -> Int { Int(entries[index].line) }

    /// In line order, then column, then code: the order the clerk reads them in.
    mutating func sort() {
        let codes = self.codes
        entries.sort { ($0.line, $0.column) == ($1.line, $1.column) ? codes[Int($0.code)] < codes[Int($1.code)]
                                                                      : ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// Lines with at least one issue (the list must be sorted).
    var distinctLines: Int {
        var count = 0
        var previous: Int32 = -1
        for entry in entries where entry.line != previous {
            count += 1
            previous = entry.line
        }
        return count
    }

    /// The first `limit` issues, built.
    func prefix(_ limit: Int) -> [RosterIssue] {
        (0..<min(limit, count)).map { self[$0] }
    }
}
